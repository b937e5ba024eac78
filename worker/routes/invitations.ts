/**
 * The public side of invitations (docs/API.md "Atendentes"): the invitation page reads who is
 * invited, then the invitee chooses a password, which uses the invitation and logs them in.
 * The token is the credential, so both routes are rate-limited per IP like the login.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { auditEntry } from "../audit";
import { findInvitation, type FoundInvitation } from "../attendants/invitation";
import { hashPassword } from "../auth/password";
import { startSession } from "../auth/session";
import { database } from "../db/client";
import { guarded, isGuardAbort } from "../db/guarded";
import { attendants, invitations } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { setAttendantPresence } from "../presence";
import { clientIp, enforce } from "../rate-limit";
import { parseBody } from "../validate";
import type { InvitationInfoResponse } from "../views-gestao";
import { loadMe } from "./me";

const AcceptBody = z.object({ password: z.string().min(10).max(200) });

const invalid = () => new ApiError(404, "invitation_invalid", "This invitation link is not valid (used, revoked or unknown)");
const expired = () => new ApiError(410, "invitation_expired", "This invitation link has expired; ask for a new one");

/** The usable invitation of the path's token, after the per-IP limit; 404 or 410 otherwise. */
async function usableInvitation(c: Context<AppEnv>): Promise<FoundInvitation> {
  await enforce(c.env.LOGIN_LIMITER, `invitation:${clientIp(c)}`);
  const found = await findInvitation(database(c.env.DB), c.req.param("token") ?? "");
  if (!found?.usable) throw invalid();
  if (found.expiresAt <= Date.now()) throw expired();
  return found;
}

/**
 * Sets the password and uses the invitation in one batch. The password write is guarded by
 * "the invitation is still unused, unrevoked and unexpired" inside D1, so of two concurrent
 * uses exactly one passes; the other aborts its whole batch. (A deactivation revokes the
 * attendant's invitations, so it is covered too.)
 */
async function accept(c: Context<AppEnv>, found: FoundInvitation, password: string): Promise<void> {
  const db = database(c.env.DB);
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
      db
        .update(invitations)
        .set({ usedAt: now })
        .where(and(eq(invitations.tokenHash, found.tokenHash), isNull(invitations.usedAt), gt(invitations.expiresAt, now))),
      auditEntry(db, {
        accountId: found.accountId,
        actor: { id: attendant.id, name: attendant.name },
        action: "attendant.invitation_accepted",
        target: { type: "attendant", id: attendant.id },
        ip: clientIp(c),
        at: now,
      }),
    ]);
  } catch (error) {
    if (isGuardAbort(error, "attendants.password_hash")) throw invalid();
    throw error;
  }
}

export const invitationRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) => {
    const found = await usableInvitation(c);
    return c.json({
      attendant: { name: found.attendant.name, email: found.attendant.email },
      account: { name: found.accountName },
      expiresAt: found.expiresAt,
    } satisfies InvitationInfoResponse);
  })
  .post("/:token", async (c) => {
    const found = await usableInvitation(c);
    const { password } = await parseBody(c, AcceptBody);
    await accept(c, found, password);
    const { attendant } = found;
    await startSession(c, attendant);
    // Logged in like a login: the presence they chose for logging in.
    const who = { ...attendant, chatStatus: attendant.chatStatusOnLogin };
    await setAttendantPresence(c.env, who, attendant.chatStatusOnLogin);
    return c.json(await loadMe(c.env.DB, who));
  });
