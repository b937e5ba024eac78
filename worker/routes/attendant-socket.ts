/**
 * Attendant sockets. Browsers cannot set headers on a WebSocket, so the console first fetches a
 * short-lived signed token with its session cookie, then opens the socket with it. The Worker
 * checks the token and the department and hands the upgrade to the department's room; it never
 * terminates the socket itself (the room must own it to hibernate).
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { departmentRoom, requireDepartment } from "../access";
import { requireAttendant } from "../auth/session";
import { ATTENDANT_SOCKET_TTL_MS, signToken, tokenSecret, verifyToken } from "../auth/tokens";
import { database } from "../db/client";
import { attendants } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, unauthenticated } from "../errors";
import { loadAccountSettings } from "../settings/store";
import { forwardSocket } from "../socket-forward";
import { idParam, parseQuery } from "../validate";
import type { WsTokenResponse } from "../views";

const SocketQuery = z.object({ token: z.string().min(1).max(2048), department: idParam, v: z.string().optional() });

export const attendantSocketRoutes = new Hono<AppEnv>()
  .post("/ws-token", requireAttendant, async (c) => {
    const who = c.get("attendant");
    const expiresAt = Date.now() + ATTENDANT_SOCKET_TTL_MS;
    const token = await signToken(tokenSecret(c.env), { k: "attendant-ws", a: who.accountId, u: who.id, exp: expiresAt });
    return c.json({ token, expiresAt } satisfies WsTokenResponse);
  })
  .get("/ws", async (c) => {
    const query = parseQuery(c, SocketQuery);
    const ticket = await verifyToken(tokenSecret(c.env), "attendant-ws", query.token);
    if (!ticket) throw unauthenticated();
    const who = await database(c.env.DB)
      .select()
      .from(attendants)
      .where(and(eq(attendants.id, ticket.u), eq(attendants.accountId, ticket.a), eq(attendants.active, true)))
      .get();
    if (!who) throw unauthenticated();
    const access = await requireDepartment(c.env.DB, who, query.department);
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Open this URL as a WebSocket");
    // Their own limit wins over the account's default; the room enforces it (routing.ts).
    const maxChats = who.maxChats ?? (await loadAccountSettings(c.env.DB, who.accountId)).policies.maxChatsPerAttendant ?? null;
    return forwardSocket(c.req.raw, departmentRoom(c.env, who.accountId, query.department), {
      role: "attendant",
      accountId: who.accountId,
      departmentId: query.department,
      attendantId: who.id,
      name: who.name,
      attendantRole: who.role,
      status: who.chatStatus,
      statusVersion: who.chatStatusVersion,
      attends: access.attends,
      supervises: access.supervises,
      maxChats,
    });
  });
