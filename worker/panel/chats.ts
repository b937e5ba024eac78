/**
 * The customer's own chats in the Painel do Cliente (and the app Meu Suporte): the list and one
 * transcript, read through chat-reads.ts as the customer (internal notes never reach them).
 * Another customer's chat is a 404 like an unknown one.
 */
import { and, desc, eq } from "drizzle-orm";
import { readMessages } from "../chat-reads";
import { database } from "../db/client";
import { chats, departments } from "../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import type { PanelChat, PanelChatDetailResponse, PanelCustomer } from "../views-panel";
import { PANEL_PAGE } from "./tickets";

const columns = {
  id: chats.id,
  number: chats.number,
  departmentName: departments.name,
  status: chats.status,
  origin: chats.origin,
  createdAt: chats.createdAt,
  closedAt: chats.closedAt,
};

function chatsOf(db: D1Database, accountId: string, customerId: string) {
  return database(db)
    .select({ ...columns, departmentId: chats.departmentId })
    .from(chats)
    .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
    .where(and(eq(chats.accountId, accountId), eq(chats.customerId, customerId)))
    .$dynamic();
}

function toChat({ departmentId: _, ...row }: PanelChat & { departmentId: string }): PanelChat {
  return row;
}

/** One page of the customer's chats, newest first. */
export async function listChats(db: D1Database, accountId: string, customer: PanelCustomer, page: number) {
  const rows = await chatsOf(db, accountId, customer.id)
    .orderBy(desc(chats.createdAt), desc(chats.id))
    .limit(PANEL_PAGE + 1)
    .offset((page - 1) * PANEL_PAGE);
  return { chats: rows.slice(0, PANEL_PAGE).map(toChat), hasMore: rows.length > PANEL_PAGE };
}

/** The chat and its transcript as the customer saw it. */
export async function chatDetail(env: Env, accountId: string, customer: PanelCustomer, id: string): Promise<PanelChatDetailResponse> {
  const row = await database(env.DB)
    .select({ ...columns, departmentId: chats.departmentId })
    .from(chats)
    .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
    .where(and(eq(chats.accountId, accountId), eq(chats.customerId, customer.id), eq(chats.id, id)))
    .get();
  if (!row) throw notFound("No such chat");
  const messages = await readMessages(env, { kind: "customer", customerId: customer.id }, { ...row, accountId });
  return {
    chat: toChat(row),
    messages: messages.map((m) => ({ id: m.id, author: m.author.type, authorName: m.author.name, body: m.body, createdAt: m.createdAt })),
  };
}
