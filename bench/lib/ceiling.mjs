// The room's ceiling (issue 14): the delivery steps climb past 2,000 messages/s with more
// customers (each socket keeps its allowance of 10 message.send a second) until a step is no
// longer sustained, and each step prints the user worker's CPU per stored message.
//
// `messages_per_s` is the highest step fully delivered (achieved rate within 5% of the target,
// nothing refused, lost or failed) with p99 <= 50 ms. `room_cpu_us_per_message` is the user
// worker's process CPU (utime + stime from /proc, all of it: the room, its SQLite, and the local
// D1 it copies to, which runs in the same process) divided by the messages it stored.
import { workerdCpu } from "./servers.mjs";

/** Customers with a chat each: 600 sockets × 10 messages/s allow steps up to 6,000/s. */
export const CEILING_CHATS = 600;
/** The steps after the steady 500/s; the climb stops at the first step that is not sustained. */
export const CEILING_STEPS = [1000, 1500, 2000, 2500, 3000, 3500, 4000];
/** A step is sustained when the achieved rate is within 5% of the target and p99 is at most 50 ms. */
export const SUSTAINED = { tolerance: 0.05, p99Ms: 50 };

/** Whether step result `r` (DeliveryProbe.run) meets the ceiling's rule. */
export function sustained(r) {
  const undelivered = r.refused + r.lost + r.errors;
  return undelivered === 0 && r.achievedPerS >= r.rate * (1 - SUSTAINED.tolerance) && r.p99 <= SUSTAINED.p99Ms;
}

/**
 * Reads the user worker's CPU (ms) before a step; the returned function, called after it, gives
 * `{ cpuMs, usPerMessage }` for the messages the room stored and delivered in the step. Null
 * when the user worker's pid is unknown.
 */
export function roomCpuMeter(child, pid) {
  if (!pid) return () => null;
  const before = workerdCpu(child)[pid];
  return (r) => {
    const after = workerdCpu(child)[pid];
    if (before === undefined || after === undefined) return null;
    // Delivered = stored (the room stores a message before it fans it out): under overload,
    // messages sent but still queued at the end would otherwise count without their CPU.
    const stored = r.delivered;
    const cpuMs = after - before;
    return { cpuMs, usPerMessage: stored > 0 ? (cpuMs * 1000) / stored : NaN };
  };
}

/**
 * Prints each step's figures and the ceiling: `<prefix>step_<rate>_*`, `<prefix>messages_per_s`,
 * `<prefix>room_cpu_us_per_message` (at the ceiling step, else at the steady step).
 */
export function reportCeiling(prefix, results, figure) {
  let best = null;
  for (const r of results) {
    figure(`${prefix}step_${r.rate}_p50_ms`, r.p50);
    figure(`${prefix}step_${r.rate}_p99_ms`, r.p99);
    figure(`${prefix}step_${r.rate}_achieved_per_s`, Math.round(r.achievedPerS));
    figure(`${prefix}step_${r.rate}_undelivered`, r.refused + r.lost + r.errors);
    if (r.cpu) figure(`${prefix}step_${r.rate}_room_cpu_us_per_message`, r.cpu.usPerMessage);
    if (sustained(r) && r.rate > (best?.rate ?? 0)) best = r;
  }
  figure(`${prefix}messages_per_s`, best ? best.rate : `< ${results[0].rate} (no step met the rule)`);
  const at = best ?? results[0];
  if (at.cpu) figure(`${prefix}room_cpu_us_per_message`, at.cpu.usPerMessage);
}
