/**
 * Clientes: the people who chatted or left an offline message. Any attendant of the account
 * may list and read them (the chats shown are those of departments the reader may see);
 * administrators and department managers correct a name or an e-mail; administrators forget a
 * customer (worker/forget-customer.ts).
 */
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { visibleDepartments } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { chats, customers, offlineMessages } from "../db/schema";
import type { AppEnv } from "../env";
import { offlineAudience, offlineScope } from "../offline/audience";
import { ApiError, forbidden, notFound } from "../errors";
import { forgetCustomer } from "../forget-customer";
import { idParam, parseBody, parseQuery } from "../validate";
import type { CustomerDetailResponse, CustomersResponse, CustomerView } from "../views-gestao";
import { labelsOfChats } from "../history/search";
import { chatListQuery, toListItem } from "./chats";
import { offlineMessageQuery } from "./offline-messages";

/** Most chats and offline messages the detail shows. */
const DETAIL_LIMIT = 50;

const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const PatchBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
  })
  .refine((body) => body.name !== undefined || body.email !== undefined, { message: "Send name or email" });

type CustomerRow = typeof customers.$inferSelect;

function toView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    verified: row.verifiedEmail !== null,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** `q` as a LIKE pattern that matches it literally anywhere (`%`, `_` and `\` are escaped). */
function contains(column: typeof customers.name | typeof customers.email, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** The customer of the reader's account; 404 for an unknown id or another account's. */
async function findCustomer(db: D1Database, accountId: string, rawId: string): Promise<CustomerRow> {
  const id = idParam.safeParse(rawId);
  if (!id.success) throw notFound("No such customer");
  const row = await database(db)
    .select()
    .from(customers)
    .where(and(eq(customers.id, id.data), eq(customers.accountId, accountId)))
    .get();
  if (!row) throw notFound("No such customer");
  return row;
}

/** The customer's chats (with their labels) in departments `who` may see, and their offline messages, newest first. */
async function customerHistory(db: D1Database, who: SessionAttendant, customer: CustomerRow) {
  const allowed = (await visibleDepartments(db, who)).map((d) => d.id);
  const chatRows = allowed.length
    ? await chatListQuery(db)
        .where(and(eq(chats.accountId, who.accountId), eq(chats.customerId, customer.id), inArray(chats.departmentId, allowed)))
        .orderBy(desc(chats.createdAt), desc(chats.id))
        .limit(DETAIL_LIMIT)
    : [];
  // The same messages as the offline list shows this reader (offline/audience.ts), left with this customer's token or e-mail.
  const visible = offlineScope(who.accountId, await offlineAudience(db, who));
  const theirs = or(eq(offlineMessages.customerId, customer.id), customer.email ? eq(offlineMessages.email, customer.email) : undefined);
  const offline = await offlineMessageQuery(db)
    .where(and(visible, theirs))
    .orderBy(desc(offlineMessages.createdAt), desc(offlineMessages.id))
    .limit(DETAIL_LIMIT);
  const labels = await labelsOfChats(db, who.accountId, chatRows.map((r) => r.id));
  return { chats: chatRows.map((r) => ({ ...toListItem(r), labels: labels.get(r.id) ?? [] })), offlineMessages: offline };
}

export const customerRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const query = parseQuery(c, ListQuery);
    const rows = await database(c.env.DB)
      .select()
      .from(customers)
      .where(and(eq(customers.accountId, who.accountId), query.q ? or(contains(customers.name, query.q), contains(customers.email, query.q)) : undefined))
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(query.limit + 1)
      .offset((query.page - 1) * query.limit);
    return c.json({
      customers: rows.slice(0, query.limit).map(toView),
      page: query.page,
      hasMore: rows.length > query.limit,
    } satisfies CustomersResponse);
  })
  .get("/:id", async (c) => {
    const who = c.get("attendant");
    const customer = await findCustomer(c.env.DB, who.accountId, c.req.param("id"));
    const history = await customerHistory(c.env.DB, who, customer);
    return c.json({ customer: toView(customer), ...history } satisfies CustomerDetailResponse);
  })
  .patch("/:id", async (c) => {
    const who = c.get("attendant");
    if (who.role === "attendant") throw forbidden("Only administrators and managers change customers");
    const customer = await findCustomer(c.env.DB, who.accountId, c.req.param("id"));
    const body = await parseBody(c, PatchBody);
    if (customer.deletedAt !== null) throw new ApiError(409, "customer_deleted", "This customer was removed");
    const { actor, ip, accountId } = requestActor(c);
    const db = database(c.env.DB);
    const now = Date.now();
    const [[updated]] = await db.batch([
      db
        .update(customers)
        .set({ ...body, updatedAt: now })
        .where(and(eq(customers.id, customer.id), eq(customers.accountId, accountId), isNull(customers.deletedAt)))
        .returning(),
      // Field names only: a forgotten customer's old name or e-mail must not survive in the log.
      auditEntry(db, { accountId, actor, action: "customer.updated", target: { type: "customer", id: customer.id }, detail: { fields: Object.keys(body) }, ip, at: now }),
    ]);
    // Forgotten between the check and the batch: the name stays blank (the entry records a no-op).
    if (!updated) throw new ApiError(409, "customer_deleted", "This customer was removed");
    return c.json({ customer: toView(updated) } satisfies { customer: CustomerView });
  })
  .delete("/:id", async (c) => {
    const who = c.get("attendant");
    if (who.role !== "administrator") throw forbidden("Only administrators remove customers");
    const customer = await findCustomer(c.env.DB, who.accountId, c.req.param("id"));
    // Forgotten already (the last step, blanking D1, ran): nothing is left to remove.
    if (customer.deletedAt !== null && customer.email === "") return c.body(null, 204);
    const { actor, ip, accountId } = requestActor(c);
    await forgetCustomer(c.env, { accountId, customer: { id: customer.id, email: customer.email }, actor, ip });
    return c.body(null, 204);
  });
