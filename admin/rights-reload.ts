/**
 * What the console does after a room closed its socket with 4001 (the attendant's role,
 * departments or activation changed in Gestão): it asks GET /api/me again and restarts the live
 * session with the departments it now has. A 401 (deactivated: their sessions were deleted)
 * goes to the login screen; any other failure (network) is tried again after a growing delay.
 */
import type { MeResponse } from "../worker/views";
import { ApiError } from "./api";

export interface ReloadSteps {
  me(): Promise<MeResponse>;
  /** Restarts the console with this session. */
  enter(session: MeResponse): void;
  /** The session is gone: back to the login screen. */
  expired(): void;
  /** False once this reload is no longer wanted (the attendant logged out, signed in anew). */
  current(): boolean;
  /** Waits `ms` (a fake clock in tests). */
  wait?(ms: number): Promise<void>;
}

/** Delays between attempts after failures other than 401; the last repeats. */
export const RELOAD_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** Reloads the attendant's rights until it works, the session turns out gone, or it is no longer wanted. */
export async function reloadAfterRightsChange(steps: ReloadSteps): Promise<void> {
  const wait = steps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; steps.current(); attempt++) {
    try {
      const session = await steps.me();
      if (steps.current()) steps.enter(session);
      return;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        if (steps.current()) steps.expired();
        return;
      }
    }
    await wait(RELOAD_DELAYS_MS[Math.min(attempt, RELOAD_DELAYS_MS.length - 1)]!);
  }
}
