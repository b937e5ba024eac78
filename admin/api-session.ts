/**
 * The console's session check on boot: `GET /api/auth/session` answers 200 with
 * `{ attendant: null }` when nobody is signed in, so the login screen logs no 401.
 */
import { request } from "./api";
import type { MeResponse } from "../worker/views";
import type { SessionResponse } from "../worker/views-console";

/** The signed-in attendant's session (as `GET /api/me` gives it), or null. */
export async function currentSession(): Promise<MeResponse | null> {
  const body = await request<SessionResponse>("GET", "/api/auth/session");
  return body.attendant ? body : null;
}
