/**
 * The daily Cron job's share for the Painel do Cliente: expired sessions and e-mailed links
 * (used or not) are deleted, in bounded batches like retention.ts. They stop working at expiry
 * anyway; this only keeps the tables from growing.
 */
import { inArray, lt } from "drizzle-orm";
import { database } from "../db/client";
import { customerSessions, customerTokens } from "../db/schema";

const BATCH = 1000;
const MAX_BATCHES = 10;

/** Deletes expired customer sessions and tokens; how many of each. */
export async function purgeExpiredCustomerAuth(d1: D1Database, now = Date.now()): Promise<{ sessions: number; tokens: number }> {
  const db = database(d1);
  let sessions = 0;
  let tokens = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const doomedSessions = db.select({ id: customerSessions.idHash }).from(customerSessions).where(lt(customerSessions.expiresAt, now)).limit(BATCH);
    const doomedTokens = db.select({ id: customerTokens.tokenHash }).from(customerTokens).where(lt(customerTokens.expiresAt, now)).limit(BATCH);
    const [s, t] = await db.batch([
      db.delete(customerSessions).where(inArray(customerSessions.idHash, doomedSessions)).returning({ id: customerSessions.idHash }),
      db.delete(customerTokens).where(inArray(customerTokens.tokenHash, doomedTokens)).returning({ id: customerTokens.tokenHash }),
    ]);
    sessions += s.length;
    tokens += t.length;
    if (s.length < BATCH && t.length < BATCH) break;
  }
  return { sessions, tokens };
}
