/**
 * POST /api/widget/offline-messages: the widget's offline form ("Mensagens offline"). What the
 * customer wrote is stored, never lost, and listed in the console. Mounted inside the widget
 * routes, so it has their CORS and per-IP rate limit. A customer token is optional; it binds
 * the message to the customer only when it is valid and of this account, and never refuses it.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { database } from "../db/client";
import { departments, offlineMessages } from "../db/schema";
import type { AppEnv } from "../env";
import { isEmailAddress, oneLine } from "../email/address";
import { ApiError } from "../errors";
import { offlineToTicketOn, storeOfflineAsTicket } from "../tickets/convert";
import { parseBody } from "../validate";
import type { WidgetOfflineMessageResponse } from "../views";
import { limitOfflineMessages, offlineBodyLimit } from "./offline-guard";
import { AccountKey, accountByKey, tokenCustomer } from "./widget-common";

/** Longest offline message; longer than a chat line, since it is the whole request at once. */
export const MAX_OFFLINE_MESSAGE_LENGTH = 5000;

const OfflineMessageBody = z.object({
  account: AccountKey,
  departmentId: z.string().min(1).max(64).optional(),
  // One line: the name becomes an e-mail's display name when the message is answered.
  name: z.string().transform(oneLine).pipe(z.string().min(1).max(120)),
  // The same check as sending: an address accepted here can be answered.
  email: z.string().trim().toLowerCase().max(254).refine(isEmailAddress, { message: "Not a valid e-mail address" }),
  message: z.string().trim().min(1).max(MAX_OFFLINE_MESSAGE_LENGTH),
  pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});

export const widgetOfflineRoutes = new Hono<AppEnv>().post("/offline-messages", offlineBodyLimit, async (c) => {
  const body = await parseBody(c, OfflineMessageBody);
  await limitOfflineMessages(c, body.account, body.email);
  const account = await accountByKey(c, body.account);
  const orm = database(c.env.DB);
  if (body.departmentId !== undefined) {
    const department = await orm
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, body.departmentId), eq(departments.accountId, account.id), eq(departments.active, true)))
      .get();
    if (!department) throw new ApiError(404, "unknown_department", "No such department");
  }
  const customer = await tokenCustomer(c, account.id);
  const values = {
    id: crypto.randomUUID(),
    accountId: account.id,
    departmentId: body.departmentId ?? null,
    customerId: customer?.id ?? null,
    name: body.name,
    email: body.email,
    message: body.message,
    pageUrl: body.pageUrl ?? null,
    createdAt: Date.now(),
  };
  // "Converter mensagens offline em chamados automaticamente": stored as a ticket at once.
  if (await offlineToTicketOn(c.env.DB, account.id, values.departmentId)) {
    await storeOfflineAsTicket(c.env.DB, values);
    return c.json({ offlineMessage: { id: values.id, createdAt: values.createdAt } } satisfies WidgetOfflineMessageResponse, 201);
  }
  const [row] = await orm.insert(offlineMessages).values(values).returning({ id: offlineMessages.id, createdAt: offlineMessages.createdAt });
  if (!row) throw new Error("offline message insert returned no row");
  return c.json({ offlineMessage: row } satisfies WidgetOfflineMessageResponse, 201);
});
