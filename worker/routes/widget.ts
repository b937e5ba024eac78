/**
 * The public API of the widget, called cross-origin from customers' sites. The customer is
 * identified by a signed customer token (bound to one account); nothing here trusts a name,
 * e-mail or id sent by the page to reach existing data.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import * as z from "zod";
import { departmentRoom } from "../access";
import { currentChatOfCustomer } from "../chat-reads";
import { CUSTOMER_SOCKET_TTL_MS, signToken, tokenSecret, verifyToken } from "../auth/tokens";
import { invalidCustomerHash, verifiedCustomer, verifyCustomerHash } from "../customer-identity";
import { database } from "../db/client";
import { CHAT_ORIGINS, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { forwardSocket } from "../socket-forward";
import { parseBody, parseQuery } from "../validate";
import type { WidgetCustomer, WidgetMeResponse, WidgetSocket, WidgetStartChatResponse } from "../views";
import { MAX_MESSAGE_LENGTH, PROTOCOL_VERSION } from "../../durable-objects/protocol";
import { widgetConfigRoutes } from "./widget-config";
import { widgetHistoryRoutes } from "./widget-history";
import { widgetIdentifyRoutes } from "./widget-identify";
import { widgetOfflineRoutes } from "./widget-offline";
import { widgetSurveyRoutes } from "./widget-survey";
import { widgetTranscriptRoutes } from "./widget-transcript";
import { widgetAttachmentRoutes } from "./widget-attachments";
import { AccountKey, accountByKey, bearer, requireCustomer, tokenCustomer } from "./widget-common";
import { assertOriginAllowedFor } from "./widget-origin";
import { limitChatsOfCustomer, widgetIpLimits } from "./widget-limits";
import { widgetResumeRoutes } from "./widget-resume";
import { socketCustomerName } from "../widget-socket-auth";

const StartChatBody = z.object({
  account: AccountKey,
  departmentId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().email().max(254),
  message: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
  pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  origin: z.enum(CHAT_ORIGINS).default("widget"),
  /** Identity verification, as in POST /identify: the chat then belongs to the verified customer. */
  customerHash: z.string().max(200).optional(),
  /** The page's `document.title` (visitor details in the console). */
  pageTitle: z.string().trim().max(300).optional(),
});

async function socketFor(c: Context<AppEnv>, accountId: string, customerId: string, chat: { id: string; departmentId: string }): Promise<WidgetSocket> {
  const token = await signToken(tokenSecret(c.env), {
    k: "customer-ws",
    a: accountId,
    c: customerId,
    chat: chat.id,
    d: chat.departmentId,
    exp: Date.now() + CUSTOMER_SOCKET_TTL_MS,
  });
  const url = new URL(c.req.url);
  const scheme = url.protocol === "https:" ? "wss:" : "ws:";
  return { token, url: `${scheme}//${url.host}/api/widget/ws?token=${encodeURIComponent(token)}&v=${PROTOCOL_VERSION}` };
}

export const widgetRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    // A preflight carries no body: it is checked when its URL names the account; the request
    // that follows is always checked by accountByKey.
    const key = c.req.method === "OPTIONS" ? c.req.query("account") : undefined;
    if (key) await assertOriginAllowedFor(c, { publicKey: key });
    await next();
  })
  .use(cors({ origin: "*", allowHeaders: ["Authorization", "Content-Type"], allowMethods: ["GET", "POST"], maxAge: 86400 }))
  // Each kind of request has its own budget per IP (widget-limits.ts).
  .use(widgetIpLimits)
  .route("/", widgetConfigRoutes)
  .route("/", widgetIdentifyRoutes)
  .route("/", widgetHistoryRoutes)
  .route("/", widgetSurveyRoutes)
  .route("/", widgetOfflineRoutes)
  .route("/", widgetTranscriptRoutes)
  .route("/", widgetAttachmentRoutes)
  .route("/", widgetResumeRoutes)
  .post("/chats", async (c) => {
    const body = await parseBody(c, StartChatBody);
    const account = await accountByKey(c, body.account);
    const department = await database(c.env.DB)
      .select()
      .from(departments)
      .where(and(eq(departments.id, body.departmentId), eq(departments.accountId, account.id)))
      .get();
    if (!department) throw new ApiError(404, "unknown_department", "No such department");
    // Checked before anything is written; chats already open in it go on (see /me and /ws).
    if (!department.active) throw new ApiError(409, "department_inactive", "This department no longer takes chats");

    const secret = tokenSecret(c.env);
    const now = Date.now();
    const fromToken = await tokenCustomer(c, account.id);
    let customer: WidgetCustomer | undefined = fromToken;
    /** The Bearer, kept while it names the customer this chat is for. */
    let customerToken = customer ? bearer(c) : null;
    if (body.customerHash !== undefined) {
      // Checked before anything is written: a forged hash changes nothing.
      if (!(await verifyCustomerHash(account.secret, body.email, body.customerHash))) throw invalidCustomerHash();
      const verified = await verifiedCustomer(c.env.DB, account.id, body.name, body.email);
      if (verified.id !== customer?.id) customerToken = null;
      customer = verified;
    }
    const tokenFor = async (customerId: string) =>
      customerToken ?? signToken(secret, { k: "customer", a: account.id, c: customerId, iat: now });

    if (customer) {
      const open = await currentChatOfCustomer(c.env, account.id, customer.id);
      if (open && open.status !== "closed") {
        return c.json({
          customerToken: await tokenFor(customer.id),
          customer: { id: customer.id, name: customer.name, email: customer.email },
          chat: open,
          ws: await socketFor(c, account.id, customer.id, open),
        } satisfies WidgetStartChatResponse, 200);
      }
    }

    // Only new chats count: answering with the open one above costs the customer nothing.
    if (customer) await limitChatsOfCustomer(c, account.id, customer.id);
    // The room decides whether it takes the chat and writes it to D1 (see durable-objects/admission.ts).
    const customerId = customer?.id ?? crypto.randomUUID();
    const wireCustomer: WidgetCustomer = { id: customerId, name: body.name, email: body.email };
    const result = await departmentRoom(c.env, account.id, department.id).openChat({
      chat: {
        id: crypto.randomUUID(),
        accountId: account.id,
        departmentId: department.id,
        customer: wireCustomer,
        origin: body.origin,
        pageUrl: body.pageUrl ?? null,
        createdAt: now,
      },
      customerIsNew: !customer,
      initialMessage: department.initialMessage ? { author: department.name, body: department.initialMessage } : null,
      firstMessage: body.message,
      // Rótulos' `verified` condition: verified now, or a token of a customer verified before.
      verified: body.customerHash !== undefined || (customer?.id === fromToken?.id && Boolean(fromToken?.verifiedEmail)),
      visitor: { userAgent: c.req.header("User-Agent")?.slice(0, 500) || null, pageTitle: body.pageTitle || null },
    });
    if (!result.admitted) throw new ApiError(409, result.refusal.code, result.refusal.message);
    const { chat } = result;
    return c.json(
      { customerToken: await tokenFor(customerId), customer: wireCustomer, chat, ws: await socketFor(c, account.id, customerId, chat) } satisfies WidgetStartChatResponse,
      201,
    );
  })
  .get("/me", async (c) => {
    const { account: key } = parseQuery(c, z.object({ account: AccountKey }));
    const account = await accountByKey(c, key);
    const customer = await requireCustomer(c, account.id);
    const chat = await currentChatOfCustomer(c.env, account.id, customer.id);
    return c.json({
      customer: { id: customer.id, name: customer.name, email: customer.email },
      chat,
      ws: chat ? await socketFor(c, account.id, customer.id, chat) : null,
    } satisfies WidgetMeResponse);
  })
  .get("/ws", async (c) => {
    const query = parseQuery(c, z.object({ token: z.string().min(1).max(2048), v: z.string().optional() }));
    const ticket = await verifyToken(tokenSecret(c.env), "customer-ws", query.token);
    if (!ticket) throw new ApiError(401, "invalid_token", "Unknown or expired socket token");
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Open this URL as a WebSocket");
    // The account's allowed sites and the customer (not forgotten), in one D1 read (widget-socket-auth.ts).
    const name = await socketCustomerName(c, ticket.a, ticket.c);
    return forwardSocket(c.req.raw, departmentRoom(c.env, ticket.a, ticket.d), {
      role: "customer",
      accountId: ticket.a,
      departmentId: ticket.d,
      customerId: ticket.c,
      chatId: ticket.chat,
      name,
    });
  });
