/**
 * `GET /api/chats/export.csv`: the filtered history as a streamed CSV, read in batches so that
 * the Worker never holds the whole list. Bounded to the newest {@link HISTORY_EXPORT_LIMIT}
 * matching chats: an export is for a report, not a backup, and the bound keeps one request's
 * D1 reads predictable.
 */
import type { SessionAttendant } from "../auth/session";
import { CSV_BOM, CSV_HEADER, chatCsvRow, csvRow } from "./csv";
import type { HistoryFilters } from "./filters";
import { accountZone, historyRows, searchCondition } from "./search";

/** Most rows one export writes. */
export const HISTORY_EXPORT_LIMIT = 10_000;
/** Rows per D1 read (and per labels query). */
const BATCH = 500;

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/**
 * The CSV body of a search. The search is built (and refused, with a 400) before the first byte,
 * so a bad filter is an error answer, never a half-written file.
 */
export async function historyCsv(db: D1Database, who: Who, filters: HistoryFilters): Promise<ReadableStream<Uint8Array>> {
  const where = await searchCondition(db, who, filters);
  const zone = await accountZone(db, who.accountId);
  const encoder = new TextEncoder();
  let offset = 0;
  let done = where === null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(CSV_HEADER)));
      if (done) controller.close();
    },
    async pull(controller) {
      if (done || where === null) return;
      const count = Math.min(BATCH, HISTORY_EXPORT_LIMIT - offset);
      const rows = await historyRows(db, who.accountId, where, offset, count);
      offset += rows.length;
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((r) => chatCsvRow(r, zone)).join("")));
      if (rows.length < count || offset >= HISTORY_EXPORT_LIMIT) {
        done = true;
        controller.close();
      }
    },
  });
}
