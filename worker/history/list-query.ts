/**
 * The chats as the console lists them: each with its department, customer, assigned attendant
 * and message count, mapped to `ChatListItem` in one place. The caller filters by account.
 */
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { database } from "../db/client";
import { attendants, chats, customers, departments } from "../db/schema";
import type { ChatCloserRole, ChatListItem } from "../views";

const assigned = alias(attendants, "assigned");
/** Who closed it, when an attendant did (their own chat, or a manager's or administrator's close). */
const closer = alias(attendants, "closer");

const listColumns = {
  id: chats.id,
  number: chats.number,
  departmentId: chats.departmentId,
  departmentName: departments.name,
  status: chats.status,
  origin: chats.origin,
  pageUrl: chats.pageUrl,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  attendantId: assigned.id,
  attendantName: assigned.name,
  createdAt: chats.createdAt,
  acceptedAt: chats.acceptedAt,
  closedAt: chats.closedAt,
  closedBy: chats.closedBy,
  abandonedAt: chats.abandonedAt,
  closerId: closer.id,
  closerName: closer.name,
  closerRole: closer.role,
  messageCount: sql<number>`(SELECT COUNT(*) FROM chat_messages m WHERE m.chat_id = ${chats.id})`,
};

/** The one mapping of a `chatListQuery` row to the console's `ChatListItem`. */
export function toListItem(row: {
  id: string;
  number: number;
  departmentId: string;
  departmentName: string;
  status: ChatListItem["status"];
  origin: ChatListItem["origin"];
  pageUrl: string | null;
  customerId: string;
  customerName: string;
  customerEmail: string;
  attendantId: string | null;
  attendantName: string | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  closedBy: string | null;
  abandonedAt?: number | null;
  closerId?: string | null;
  closerName?: string | null;
  closerRole?: ChatCloserRole | null;
  messageCount: number;
}): ChatListItem {
  return {
    id: row.id,
    number: row.number,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    status: row.status,
    origin: row.origin,
    pageUrl: row.pageUrl,
    customer: { id: row.customerId, name: row.customerName, email: row.customerEmail },
    attendant: row.attendantId ? { id: row.attendantId, name: row.attendantName ?? "" } : null,
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    ...(row.abandonedAt ? { abandonedAt: row.abandonedAt } : {}),
    ...(row.closedBy === "attendant" && row.closerId ? { closer: { id: row.closerId, name: row.closerName ?? "", role: row.closerRole ?? "attendant" } } : {}),
    messageCount: row.messageCount,
  };
}

/** Chats with their department, customer and attendant, as `toListItem` maps them; the caller filters by account. */
export function chatListQuery(db: D1Database) {
  return database(db)
    .select(listColumns)
    .from(chats)
    .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
    .innerJoin(customers, and(eq(customers.id, chats.customerId), eq(customers.accountId, chats.accountId)))
    .leftJoin(assigned, and(eq(assigned.id, chats.attendantId), eq(assigned.accountId, chats.accountId)))
    .leftJoin(closer, and(eq(closer.id, chats.closedByAttendantId), eq(closer.accountId, chats.accountId)));
}
