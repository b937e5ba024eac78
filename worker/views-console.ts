/**
 * Response shapes of issue 12's console endpoints, shared with the console as types only:
 * the session check, the department's attendants with their status, and a chat's visitor details.
 */
import type { MeResponse } from "./views";

/** GET /api/auth/session: the session's attendant and account, or `{ attendant: null }` without a valid session. */
export type SessionResponse = MeResponse | { attendant: null };
