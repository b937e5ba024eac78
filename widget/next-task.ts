/**
 * Lets the browser run other tasks (input, rendering, the host page's own work) before the
 * widget goes on: the widget must not hold the host page's main thread for more than 10 ms in
 * one task. `scheduler.yield()` where the browser has it (the rest runs before other queued
 * work of its priority), else a zero-delay timer.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}
