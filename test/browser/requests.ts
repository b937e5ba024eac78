/**
 * The page's HTTP requests in flight, for tests that must wait until a page has loaded what it
 * shows. Playwright's `waitForLoadState("networkidle")` fails with a bare timeout; this names
 * the requests still pending (and for how long), so a hung endpoint is found, not guessed, and
 * it does not depend on Playwright's sticky lifecycle event, which can miss an idle period after
 * a request that starts and ends in between (microsoft/playwright#42598): the console's sections
 * load client-side, without a navigation, which is that case.
 * WebSockets are not requests here, as in Playwright: an open console socket never blocks.
 */
import type { Page, Request } from "playwright-core";

export interface RequestTracker {
  /**
   * Resolves once no request has been in flight for `quietMs`, counted from the call at the
   * earliest (a click's fetch may start a moment after the click returns); throws naming the
   * pending ones after `timeoutMs`.
   */
  settled(options?: { quietMs?: number; timeoutMs?: number }): Promise<void>;
}

/** Starts counting `page`'s requests: call it before the clicks whose loads you wait for. */
export function trackRequests(page: Page): RequestTracker {
  const pending = new Map<Request, number>();
  let lastChange = Date.now();
  const finish = (request: Request): void => {
    if (pending.delete(request)) lastChange = Date.now();
  };
  page.on("request", (request) => {
    pending.set(request, Date.now());
    lastChange = Date.now();
  });
  page.on("requestfinished", finish);
  page.on("requestfailed", finish);
  return {
    async settled({ quietMs = 500, timeoutMs = 30_000 } = {}) {
      const called = Date.now();
      const deadline = called + timeoutMs;
      while (Date.now() < deadline) {
        if (pending.size === 0 && Date.now() - Math.max(lastChange, called) >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const now = Date.now();
      const names = [...pending].map(([request, since]) => `${request.method()} ${request.url()} (pending ${now - since} ms)`);
      throw new Error(`requests still in flight after ${timeoutMs} ms: ${names.join("; ") || "none (but not quiet)"}`);
    },
  };
}
