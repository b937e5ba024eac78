/**
 * `GET /api/widget/resume` (WebSocket): a customer's reconnect straight to its chat's room,
 * without asking `GET /api/widget/me` for a socket token first. The widget uses it for the
 * first attempt after a socket that was working dropped (a deploy drops every socket at once,
 * and thousands of customers come back within seconds): one request and one D1 read instead of
 * two requests, five D1 reads and a call to the room. Anything it refuses (an expired or revoked
 * token, a chat that moved on) the widget asks `/me` about next, which says why.
 *
 * The customer token authenticates (the same as `/me`'s Bearer); the chat must be that customer's
 * in the account of the public key, and its room is the department D1 names (a transferred
 * chat's new one).
 */
import { Hono } from "hono";
import * as z from "zod";
import { departmentRoom } from "../access";
import { tokenSecret, verifyToken } from "../auth/tokens";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { forwardSocket } from "../socket-forward";
import { parseQuery } from "../validate";
import { resumeTarget } from "../widget-socket-auth";
import { CLOSED_CHAT_KEPT_MS } from "../../durable-objects/protocol";
import { AccountKey } from "./widget-common";

const ResumeQuery = z.object({
  account: AccountKey,
  chat: z.string().min(1).max(64),
  token: z.string().min(1).max(2048),
  v: z.string().max(8).optional(),
});

export const widgetResumeRoutes = new Hono<AppEnv>().get("/resume", async (c) => {
  const query = parseQuery(c, ResumeQuery);
  const ticket = await verifyToken(tokenSecret(c.env), "customer", query.token);
  if (!ticket) throw new ApiError(401, "invalid_token", "Unknown or invalid customer token");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Open this URL as a WebSocket");
  const target = await resumeTarget(c, query.account, ticket, query.chat);
  const { chat } = target;
  // The room forgets a closed chat after this long; `/me` tells the widget it is over.
  if (chat.status === "closed" && (chat.closedAt ?? 0) <= Date.now() - CLOSED_CHAT_KEPT_MS) {
    throw new ApiError(409, "chat_closed", "This chat is over");
  }
  return forwardSocket(c.req.raw, departmentRoom(c.env, target.accountId, chat.departmentId), {
    role: "customer",
    accountId: target.accountId,
    departmentId: chat.departmentId,
    customerId: ticket.c,
    chatId: chat.id,
    name: target.customerName,
  });
});
