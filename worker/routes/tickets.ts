/**
 * Chamados (tickets): `GET /api/tickets` (paged, newest activity first), `POST /api/tickets`,
 * `GET/PATCH /api/tickets/:id`, `POST /api/tickets/:id/replies`. Who sees which ticket:
 * worker/tickets/read.ts; who may assign whom: worker/tickets/update.ts. See docs/API.md
 * "Chamados (tickets)".
 */
import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { requireDepartment } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { customers, TICKET_PRIORITIES, TICKET_STATUSES, tickets } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { findOrNewCustomer, insertTicket, MAX_SUBJECT, type TicketCustomer } from "../tickets/create";
import { loadTicket, readEntries, ticketQuery, ticketScope, toEntryView, toTicketItem } from "../tickets/read";
import { addReply } from "../tickets/reply";
import { applyPatch, planPatch } from "../tickets/update";
import { idParam, parseBody, parseQuery } from "../validate";
import type { TicketDetailResponse, TicketListResponse, TicketReplyResponse } from "../views-tickets";

/** Longest entry (a customer's request, a reply, a note). */
export const MAX_TICKET_BODY = 10_000;

const Subject = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SUBJECT)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "No line breaks or control characters");

const ListQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  departmentId: idParam.optional(),
  assigneeId: idParam.optional(),
  customerId: idParam.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const CreateBody = z
  .object({
    subject: Subject,
    customer: z.object({ name: z.string().trim().min(1).max(120), email: z.string().trim().toLowerCase().email().max(254) }).optional(),
    customerId: idParam.optional(),
    departmentId: idParam.optional(),
    priority: z.enum(TICKET_PRIORITIES).default("normal"),
    body: z.string().trim().min(1).max(MAX_TICKET_BODY),
  })
  .refine((b) => (b.customer === undefined) !== (b.customerId === undefined), { message: "Send customer or customerId (one of them)", path: ["customer"] });

const PatchBody = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    assigneeId: idParam.nullable().optional(),
    departmentId: idParam.nullable().optional(),
    subject: Subject.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Send at least one field" });

const ReplyBody = z.object({ body: z.string().trim().min(1).max(MAX_TICKET_BODY), internal: z.boolean().default(false) });

/** `q` as a search: "#12" is the number only; "12" the number or a text; otherwise the subject, the customer's name or e-mail. */
function searchCondition(q: string): SQL | undefined {
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  if (number && q.startsWith("#")) return eq(tickets.number, Number(number));
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const text = (column: typeof tickets.subject | typeof customers.name | typeof customers.email) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
  return or(number ? eq(tickets.number, Number(number)) : undefined, text(tickets.subject), text(customers.name), text(customers.email));
}

function ticketId(c: Context<AppEnv>): string {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such ticket");
  return id.data;
}

async function detail(c: Context<AppEnv>, id: string): Promise<TicketDetailResponse> {
  const who = c.get("attendant");
  const row = await loadTicket(c.env.DB, who, id);
  return { ticket: toTicketItem(row), entries: await readEntries(c.env, who.accountId, id) };
}

/** The customer the body names: one of the account (404 otherwise), or found or created by e-mail. */
async function bodyCustomer(c: Context<AppEnv>, body: z.infer<typeof CreateBody>): Promise<TicketCustomer> {
  const db = database(c.env.DB);
  const accountId = c.get("attendant").accountId;
  if (body.customer) return findOrNewCustomer(db, accountId, body.customer);
  const row = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, deletedAt: customers.deletedAt })
    .from(customers)
    .where(and(eq(customers.id, body.customerId!), eq(customers.accountId, accountId)))
    .get();
  if (!row || row.deletedAt !== null) throw new ApiError(404, "unknown_customer", "No such customer", "customerId");
  return { id: row.id, name: row.name, email: row.email, isNew: false };
}

export const ticketRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const query = parseQuery(c, ListQuery);
    const { where } = await ticketScope(c.env.DB, c.get("attendant"));
    const rows = await ticketQuery(c.env.DB)
      .where(
        and(
          where,
          query.status ? eq(tickets.status, query.status) : undefined,
          query.departmentId ? eq(tickets.departmentId, query.departmentId) : undefined,
          query.assigneeId ? eq(tickets.assigneeId, query.assigneeId) : undefined,
          query.customerId ? eq(tickets.customerId, query.customerId) : undefined,
          query.q ? searchCondition(query.q) : undefined,
        ),
      )
      // The id breaks ties of one millisecond, so pages never overlap.
      .orderBy(desc(tickets.updatedAt), desc(tickets.id))
      .limit(query.limit + 1)
      .offset((query.page - 1) * query.limit);
    return c.json({ tickets: rows.slice(0, query.limit).map(toTicketItem), page: query.page, hasMore: rows.length > query.limit } satisfies TicketListResponse);
  })
  .post("/", async (c) => {
    const who = c.get("attendant");
    const body = await parseBody(c, CreateBody);
    if (body.departmentId) await requireDepartment(c.env.DB, who, body.departmentId);
    const customer = await bodyCustomer(c, body);
    const db = database(c.env.DB);
    const { actor, ip } = requestActor(c);
    const at = Date.now();
    const id = await insertTicket(
      db,
      {
        accountId: who.accountId,
        subject: body.subject,
        customer,
        departmentId: body.departmentId ?? null,
        priority: body.priority,
        assigneeId: null,
        source: "console",
        sourceId: null,
        first: { kind: "customer", authorId: null, authorName: customer.name, body: body.body },
        at,
      },
      (ticketId) => [auditEntry(db, { accountId: who.accountId, actor, ip, action: "ticket.created", target: { type: "ticket", id: ticketId }, detail: { source: "console" }, at })],
    );
    return c.json(await detail(c, id), 201);
  })
  .get("/:id", async (c) => c.json(await detail(c, ticketId(c))))
  .patch("/:id", async (c) => {
    const who = c.get("attendant");
    const id = ticketId(c);
    const patch = await parseBody(c, PatchBody);
    const row = await loadTicket(c.env.DB, who, id);
    const changes = await planPatch(c.env.DB, who, row, patch);
    await applyPatch(c.env.DB, requestActor(c), row, changes);
    return c.json(await detail(c, id));
  })
  .post("/:id/replies", async (c) => {
    const who = c.get("attendant");
    const id = ticketId(c);
    const body = await parseBody(c, ReplyBody);
    const row = await loadTicket(c.env.DB, who, id);
    const entry = await addReply(c.env, who, row, body);
    const delivery = entry.outboxId ? { status: "queued" as const, lastError: null, sentAt: null } : undefined;
    const ticket = toTicketItem(await loadTicket(c.env.DB, who, id));
    return c.json({ entry: toEntryView(entry, delivery), ticket } satisfies TicketReplyResponse, 201);
  });

