/**
 * The zod bodies of Respostas prontas. A shortcut is what the attendant types after `/` in the
 * composer: lower-case letters, digits, `-` and `_`, so it never needs escaping in a search.
 */
import * as z from "zod";

/** Most canned responses per account: a picker with more is not searchable by eye anyway. */
export const MAX_CANNED_RESPONSES = 500;
export const SHORTCUT_MAX = 32;
export const TITLE_MAX = 80;
/** As long as a chat message may be (protocol.ts MAX_MESSAGE_LENGTH), placeholders included. */
export const BODY_MAX = 4000;

const shortcut = z
  .string({ error: "must be text" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, - or _ (no spaces)")
  .max(SHORTCUT_MAX, `must be at most ${SHORTCUT_MAX} characters`);
const title = z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`);
const body = z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(BODY_MAX, `must be at most ${BODY_MAX} characters`);
const departmentId = z.string({ error: "must be a department id or null" }).min(1).max(64).nullable();

/** POST /api/canned-responses. */
export const CannedBody = z.strictObject({ departmentId, shortcut, title, body });
/** PATCH /api/canned-responses/:id: any subset. */
export const CannedPatch = CannedBody.partial();
