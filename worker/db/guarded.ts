/**
 * Writes that must happen only while a condition still holds when D1 runs them, together with
 * the rest of their batch (the audit entry, the links, the sessions).
 *
 * D1 has no interactive transactions, and a `WHERE` guard that matches no row does not stop
 * the batch's other statements. So the guarded statement sets a NOT NULL column to
 * `CASE WHEN <condition> THEN <value> ELSE NULL END`: when the condition fails, the statement
 * violates the constraint and D1 rolls the whole batch back (a batch is one SQL transaction).
 * D1 runs one batch at a time, so of two concurrent batches guarded by the same condition the
 * second sees the first's writes: "the last administrator" and "an unused invitation" hold.
 */
import { sql, type SQL } from "drizzle-orm";

/** `value` when `condition` holds when the statement runs; otherwise NULL, which aborts the batch. */
export function guarded(condition: SQL, value: string | number): SQL {
  return sql`CASE WHEN ${condition} THEN ${value} ELSE NULL END`;
}

/** Messages of an error and of its causes (drizzle wraps D1's error). */
function messages(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) out.push(e.message);
  return out;
}

/** Whether `error` is the abort of a {@link guarded} write to `column` (`attendants.role`). */
export function isGuardAbort(error: unknown, column: string): boolean {
  return messages(error).some((m) => m.includes(`NOT NULL constraint failed: ${column}`));
}

/** Whether `error` is a unique index refusing a value of `column` (`attendants.email`). */
export function isUniqueViolation(error: unknown, column: string): boolean {
  return messages(error).some((m) => m.includes(`UNIQUE constraint failed: ${column}`));
}
