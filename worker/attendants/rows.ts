/**
 * Small pieces shared by the attendant writes (create, edit, invitations): the department link
 * rows, the service-wide e-mail check, running a batch and naming its expected failures.
 */
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AuditActor } from "../audit";
import type { Database } from "../db/client";
import { isUniqueViolation } from "../db/guarded";
import { attendantDepartments, attendants } from "../db/schema";
import { conflict } from "../errors";
import type { Links } from "./view";

/** Who acts, from where: for the audit entries of a change. */
export interface Acting {
  accountId: string;
  actor: AuditActor;
  ip: string;
}

/** The `attendant_departments` rows for these links (one per department, both flags). */
function linkRows(accountId: string, attendantId: string, links: Links) {
  const ids = new Set([...links.attends, ...links.manages]);
  return [...ids].map((departmentId) => ({
    accountId,
    attendantId,
    departmentId,
    attends: links.attends.has(departmentId),
    manages: links.manages.has(departmentId),
  }));
}

/** D1 binds at most 100 parameters per statement; a link row takes 5. */
const LINKS_PER_INSERT = 16;

/** The inserts of an attendant's links (none without links). */
export function insertLinks(db: Database, accountId: string, attendantId: string, links: Links): BatchItem<"sqlite">[] {
  const rows = linkRows(accountId, attendantId, links);
  const out: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += LINKS_PER_INSERT) out.push(db.insert(attendantDepartments).values(rows.slice(i, i + LINKS_PER_INSERT)));
  return out;
}

/** Replaces an attendant's links: the delete, then the insert. */
export function replaceLinks(db: Database, accountId: string, attendantId: string, links: Links): BatchItem<"sqlite">[] {
  const remove = db
    .delete(attendantDepartments)
    .where(and(eq(attendantDepartments.attendantId, attendantId), eq(attendantDepartments.accountId, accountId)));
  return [remove, ...insertLinks(db, accountId, attendantId, links)];
}

export function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

const emailTaken = () => conflict("email_taken", "This e-mail already belongs to an attendant", "email");

/**
 * 409 email_taken when an attendant of any account has the e-mail: logins find one attendant
 * by e-mail across the service, so this is the one query not scoped by account.
 */
export async function requireFreeEmail(db: Database, email: string): Promise<void> {
  const taken = await db.select({ id: attendants.id }).from(attendants).where(eq(attendants.email, email)).get();
  if (taken) throw emailTaken();
}

/** Runs `statements` as one batch; a concurrent taker of the same e-mail is 409 email_taken. */
export async function runBatch(db: Database, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  try {
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  } catch (error) {
    if (isUniqueViolation(error, "attendants.email")) throw emailTaken();
    throw error;
  }
}
