/**
 * Turning something into a ticket from the console: `POST /api/offline-messages/:id/ticket` and
 * `POST /api/chats/:id/ticket` (worker/tickets/convert.ts). Mounted beside the offline-message
 * and chat routes; whoever may see the message or the chat may convert it. A second conversion
 * is a 409 `already_converted` whose error names the existing `ticketId`.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { departmentRoom, visibleDepartments } from "../access";
import { requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { chats, customers, offlineMessages, tickets } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { offlineAudience, offlineScope } from "../offline/audience";
import { insertTicket, SourceTaken, subjectFrom } from "../tickets/create";
import { chatTranscript, convertOfflineMessage } from "../tickets/convert";
import { auditEntry } from "../audit";
import { loadTicket, readEntries, toTicketItem } from "../tickets/read";
import { idParam } from "../validate";
import type { TicketDetailResponse } from "../views-tickets";

function pathId(c: Context<AppEnv>, what: string): string {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound(`No such ${what}`);
  return id.data;
}

function alreadyConverted(c: Context<AppEnv>, ticketId: string | null) {
  return c.json({ error: { code: "already_converted", message: "This was already turned into a ticket", ticketId } }, 409);
}

async function created(c: Context<AppEnv>, id: string) {
  const who = c.get("attendant");
  const body: TicketDetailResponse = { ticket: toTicketItem(await loadTicket(c.env.DB, who, id)), entries: await readEntries(c.env, who.accountId, id) };
  return c.json(body, 201);
}

/** POST /api/offline-messages/:id/ticket */
export const offlineTicketRoutes = new Hono<AppEnv>().use(requireAttendant).post("/:id/ticket", async (c) => {
  const who = c.get("attendant");
  const id = pathId(c, "offline message");
  // The offline list's audience (offline/audience.ts): what one does not see is unknown here.
  const seen = offlineScope(who.accountId, await offlineAudience(c.env.DB, who));
  const message = await database(c.env.DB)
    .select()
    .from(offlineMessages)
    .where(and(eq(offlineMessages.id, id), seen))
    .get();
  if (!message) throw notFound("No such offline message");
  const { actor, ip } = requestActor(c);
  const result = await convertOfflineMessage(c.env.DB, message, { actor, ip });
  if (typeof result !== "string") return alreadyConverted(c, result.taken);
  return created(c, result);
});

/** POST /api/chats/:id/ticket */
export const chatTicketRoutes = new Hono<AppEnv>().use(requireAttendant).post("/:id/ticket", async (c) => {
  const who = c.get("attendant");
  const id = pathId(c, "chat");
  const db = database(c.env.DB);
  const allowed = (await visibleDepartments(c.env.DB, who)).map((d) => d.id);
  const chat = await db
    .select({ chat: chats, customer: { id: customers.id, name: customers.name, email: customers.email } })
    .from(chats)
    .innerJoin(customers, and(eq(customers.id, chats.customerId), eq(customers.accountId, chats.accountId)))
    .where(and(eq(chats.id, id), eq(chats.accountId, who.accountId)))
    .get();
  if (!chat || !allowed.includes(chat.chat.departmentId)) throw notFound("No such chat");
  const existing = await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.accountId, who.accountId), eq(tickets.source, "chat"), eq(tickets.sourceId, id))).get();
  if (existing) return alreadyConverted(c, existing.id);
  const { chat: row, customer } = chat;
  const transcript = await chatTranscript(c.env, { id, accountId: who.accountId, departmentId: row.departmentId, status: row.status, closedAt: row.closedAt }, who.id);
  // An open chat's room is ahead of D1 (write-behind): its attendant is read there.
  const live = row.status === "closed" ? null : await departmentRoom(c.env, who.accountId, row.departmentId).getChat(id);
  const assigneeId = live ? (live.attendant?.id ?? null) : row.attendantId;
  const firstLine = transcript.split("\n").find((l) => l.startsWith(`${customer.name}: `))?.slice(customer.name.length + 2) ?? "";
  const { actor, ip } = requestActor(c);
  const at = Date.now();
  try {
    const ticketId = await insertTicket(
      db,
      {
        accountId: who.accountId,
        subject: subjectFrom(firstLine, `Chat #${row.number}`),
        customer: { ...customer, isNew: false },
        departmentId: row.departmentId,
        priority: "normal",
        assigneeId,
        source: "chat",
        sourceId: id,
        first: { kind: "note", authorId: who.id, authorName: who.name, body: `Chat #${row.number}\n\n${transcript || "—"}` },
        at,
      },
      (tid) => [auditEntry(db, { accountId: who.accountId, actor, ip, action: "ticket.created", target: { type: "ticket", id: tid }, detail: { source: "chat", chatId: id, number: row.number }, at })],
    );
    return created(c, ticketId);
  } catch (error) {
    if (!(error instanceof SourceTaken)) throw error;
    const won = await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.accountId, who.accountId), eq(tickets.source, "chat"), eq(tickets.sourceId, id))).get();
    return alreadyConverted(c, won?.id ?? null);
  }
});
