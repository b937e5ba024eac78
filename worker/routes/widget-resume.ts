/**
 * `GET /api/widget/resume` (WebSocket): a customer's reconnect straight to its chat's room,
 * without asking `GET /api/widget/me` for a socket token first. The widget uses it for the
 * first attempt after a socket that was working dropped (a deploy drops every socket at once,
 * and thousands of customers come back within seconds): one request and one D1 read instead of
 * two requests, five D1 reads and a call to the room. Anything it refuses (an expired or revoked
 * token, a chat that moved on) the widget asks `/me` about next, which says why.
 *
 * The socket token of the chat's last socket authenticates (the `token` of the `/ws` URL the API
 * gave), for up to a day after it expired for `/ws` (tokens.ts `CUSTOMER_RESUME_WINDOW_MS`): it
 * names one chat, where the customer token would open all of the customer's chats from a URL
 * that proxies and logs may keep. The chat must still be that customer's in the account of the
 * public key, and its room is the department D1 names (a transferred chat's new one).
 */
import { Hono } from "hono";
import * as z from "zod";
import { departmentRoom } from "../access";
import { CUSTOMER_RESUME_WINDOW_MS, tokenSecret, verifyToken } from "../auth/tokens";
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
  const ticket = await verifyToken(tokenSecret(c.env), "customer-ws", query.token, Date.now() - CUSTOMER_RESUME_WINDOW_MS);
  if (!ticket) throw new ApiError(401, "invalid_token", "Unknown, invalid or expired socket token");
  // The ticket resumes the chat it was issued for, and no other.
  if (ticket.chat !== query.chat) throw new ApiError(404, "chat_not_found", "No such chat");
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
