/**
 * Auditoria: one entry per thing an administrator may later ask about (who did it, when, from
 * where). `auditEntry` returns the insert as a drizzle statement so that a route puts it in the
 * same `db.batch` as the change: D1 has no interactive transactions, and an entry must exist
 * exactly when its change does. Details never hold a password, a token or a secret.
 */
import type { Context } from "hono";
import type { Database } from "./db/client";
import { auditLog } from "./db/schema";
import type { AuditAction } from "./audit-actions";
import type { AppEnv } from "./env";
import { clientIp } from "./rate-limit";

// The list lives in a module without runtime imports, so that the console can import its type.
export { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

export interface AuditActor {
  id: string | null;
  name: string;
}

export interface AuditInput {
  accountId: string;
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
  ip?: string | null;
  at?: number;
}

/** The insert of one audit entry, to run in the batch of the change it records. */
export function auditEntry(db: Database, input: AuditInput) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    accountId: input.accountId,
    actorId: input.actor.id,
    actorName: input.actor.name,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    detail: input.detail ?? null,
    ip: input.ip ?? null,
    createdAt: input.at ?? Date.now(),
  });
}

/** The signed-in attendant of a request as the actor, with the request's IP. */
export function requestActor(c: Context<AppEnv>): { actor: AuditActor; ip: string; accountId: string } {
  const who = c.get("attendant");
  return { actor: { id: who.id, name: who.name }, ip: clientIp(c), accountId: who.accountId };
}
