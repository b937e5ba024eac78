/**
 * The public side of invitations (docs/API.md "Atendentes"): the invitation page reads who is
 * invited, then the invitee chooses a password, which uses the invitation and logs them in.
 * The token is the credential, so both routes are rate-limited per IP like the login.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import { findInvitation, useInvitation, type FoundInvitation } from "../attendants/invitation";
import { startSession } from "../auth/session";
import { database } from "../db/client";
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
    if (!(await useInvitation(c.env.DB, found, password, clientIp(c)))) throw invalid();
    const { attendant } = found;
    await startSession(c, attendant);
    // Logged in like a login: the presence they chose for logging in.
    const who = { ...attendant, chatStatus: attendant.chatStatusOnLogin };
    await setAttendantPresence(c.env, who, attendant.chatStatusOnLogin);
    return c.json(await loadMe(c.env.DB, who));
  });
