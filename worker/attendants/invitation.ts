/**
 * Invitations: the link an invited attendant opens to choose their password
 * (`/admin/invite/<token>`). Only the SHA-256 of the token is stored; a link lasts 7 days and
 * works once; sending a new one revokes the previous. The statements are returned, not run, so
 * that each goes in the batch of its change and audit entry.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditEntry } from "../audit";
import { randomToken, sha256Hex } from "../auth/encoding";
import { hashPassword } from "../auth/password";
import { database, type Database } from "../db/client";
import { guarded, isGuardAbort } from "../db/guarded";
import { accounts, attendants, invitations } from "../db/schema";
import type { InvitationLink } from "../views-gestao";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** Tokens are base64url of 32 random bytes; anything else is not worth a query. */
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export interface NewInvitation {
  link: InvitationLink;
  insert: ReturnType<typeof insertInvitation>;
}

function insertInvitation(db: Database, row: typeof invitations.$inferInsert) {
  return db.insert(invitations).values(row);
}

/** A new invitation for the attendant: its link (shown once) and its insert. */
export async function newInvitation(
  db: Database,
  input: { accountId: string; attendantId: string; createdBy: string; origin: string; now: number },
): Promise<NewInvitation> {
  const token = randomToken();
  const expiresAt = input.now + INVITATION_TTL_MS;
  return {
    link: { url: `${input.origin}/admin/invite/${token}`, expiresAt },
    insert: insertInvitation(db, {
      tokenHash: await sha256Hex(token),
      accountId: input.accountId,
      attendantId: input.attendantId,
      createdBy: input.createdBy,
      createdAt: input.now,
      expiresAt,
    }),
  };
}

/** The attendant's pending invitations: neither used nor revoked (expired ones included). */
export function pendingOf(accountId: string, attendantId: string) {
  return and(
    eq(invitations.accountId, accountId),
    eq(invitations.attendantId, attendantId),
    isNull(invitations.usedAt),
    isNull(invitations.revokedAt),
  );
}

/** Revokes every pending invitation of the attendant (a resend, a revoke, a deactivation). */
export function revokeInvitations(db: Database, accountId: string, attendantId: string, now: number) {
  return db.update(invitations).set({ revokedAt: now }).where(pendingOf(accountId, attendantId));
}

/** An invitation found by its token, with its attendant and account. */
export interface FoundInvitation {
  tokenHash: string;
  accountId: string;
  accountName: string;
  expiresAt: number;
  usable: boolean;
  attendant: typeof attendants.$inferSelect;
}

/**
 * The invitation of `token`, or null when it is unknown. `usable` is false once it was used or
 * revoked, or its attendant was deactivated (expiry is told apart by the caller: 410).
 */
export async function findInvitation(db: Database, token: string): Promise<FoundInvitation | null> {
  if (!INVITATION_TOKEN.test(token)) return null;
  const tokenHash = await sha256Hex(token);
  const row = await db
    .select({ invitation: invitations, attendant: attendants, accountName: accounts.name })
    .from(invitations)
    .innerJoin(attendants, and(eq(attendants.id, invitations.attendantId), eq(attendants.accountId, invitations.accountId)))
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.tokenHash, tokenHash))
    .get();
  if (!row) return null;
  const { invitation, attendant } = row;
  return {
    tokenHash,
    accountId: invitation.accountId,
    accountName: row.accountName,
    expiresAt: invitation.expiresAt,
    usable: invitation.usedAt === null && invitation.revokedAt === null && attendant.active,
    attendant,
  };
}

/**
 * Sets the invitee's password and uses the invitation, with the audit entry, in one batch.
 * The password write is guarded inside D1 by "the invitation is still unused, unrevoked and
 * unexpired" (db/guarded.ts), so of two concurrent uses exactly one passes and the other's
 * whole batch is rolled back: false. A deactivation revokes the invitations, so it is covered.
 */
export async function useInvitation(d1: D1Database, found: FoundInvitation, password: string, ip: string): Promise<boolean> {
  const db = database(d1);
  const { attendant } = found;
  const now = Date.now();
  const stillUsable = sql`EXISTS (SELECT 1 FROM ${invitations} WHERE ${invitations.tokenHash} = ${found.tokenHash}
    AND ${invitations.usedAt} IS NULL AND ${invitations.revokedAt} IS NULL AND ${invitations.expiresAt} > ${now})`;
  try {
    await db.batch([
      db
        .update(attendants)
        .set({ passwordHash: guarded(stillUsable, await hashPassword(password)) })
        .where(and(eq(attendants.id, attendant.id), eq(attendants.accountId, found.accountId))),
      db.update(invitations).set({ usedAt: now }).where(eq(invitations.tokenHash, found.tokenHash)),
      auditEntry(db, {
        accountId: found.accountId,
        actor: { id: attendant.id, name: attendant.name },
        action: "attendant.invitation_accepted",
        target: { type: "attendant", id: attendant.id },
        ip,
        at: now,
      }),
    ]);
    return true;
  } catch (error) {
    if (isGuardAbort(error, "attendants.password_hash")) return false;
    throw error;
  }
}
