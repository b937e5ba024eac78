/**
 * Optimistic concurrency for the settings documents: two administrators never overwrite each
 * other silently, and a broken client never wipes a company's customization.
 * - Each document's version is its row's `updated_at`, raised by at least one on every save;
 *   its ETag is `"s-<updated_at>"` (`"s-0"` while it was never saved).
 * - `PUT` must carry `If-Match` with that ETag (`*` also matches): missing → 428
 *   `precondition_required`, stale → 412 `precondition_failed`. The write itself is conditional
 *   on the version it read (one UPDATE … WHERE updated_at = ?), so a save racing in between
 *   also gets 412, and nothing changes.
 * - A body that leaves out a section the stored document has (`look`, `look.colors`,
 *   `look.size`, `look.texts`, `policies`) is refused with 400 `sections_missing` naming it,
 *   unless the request says `?replace=1`. An empty section (`"colors": {}`) is explicit and clears it.
 */
import type { Context } from "hono";
import { ApiError } from "../errors";

/** The sections a settings document is made of, as paths into it. */
const SECTIONS = [["look"], ["look", "colors"], ["look", "size"], ["look", "texts"], ["policies"]] as const;

/** The ETag of a document saved at `updatedAt` (null: never saved). */
export function settingsEtag(updatedAt: number | null): string {
  return `"s-${updatedAt ?? 0}"`;
}

/** The version a save after `current` writes: later than it even within one millisecond. */
export function nextVersion(current: number | null): number {
  return Math.max(Date.now(), (current ?? 0) + 1);
}

/** 428 without If-Match, 412 when it names another version of the document. */
export function requireIfMatch(c: Context, updatedAt: number | null): void {
  const header = c.req.header("if-match");
  if (!header) throw new ApiError(428, "precondition_required", "Send If-Match with the ETag of the settings you read");
  const current = settingsEtag(updatedAt);
  const tags = header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes("*") && !tags.includes(current)) throw staleSettings();
}

/** 412: someone saved the document after the client read it. */
export const staleSettings = () =>
  new ApiError(412, "precondition_failed", "These settings changed since you read them; read them again and redo your change");

function at(doc: unknown, path: readonly string[]): unknown {
  let value = doc;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function hasContent(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

/** 400 `sections_missing` when `body` leaves out a section `stored` has, unless `?replace=1`. */
export function refuseDroppedSections(c: Context, body: unknown, stored: unknown): void {
  if (c.req.query("replace") === "1") return;
  for (const path of SECTIONS) {
    if (hasContent(at(stored, path)) && at(body, path) === undefined) {
      const field = path.join(".");
      throw new ApiError(400, "sections_missing", `The body leaves out "${field}", which the stored settings have; send it, or ?replace=1 to drop it`, field);
    }
  }
}
