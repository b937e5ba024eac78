/**
 * What a transfer reads from D1 before the rooms act: the chat, the target department and the
 * target attendant, each scoped by account (another account's id is a 404, never a 403).
 */
import { and, eq } from "drizzle-orm";
import { departmentRoom, visibleDepartments } from "../access";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendantDepartments, attendants, chats, departments } from "../db/schema";
import type { Env } from "../env";
import { ApiError, badRequest, conflict, forbidden, notFound } from "../errors";
import { loadAccountSettings } from "../settings/store";
import type { AttendantTarget } from "../../durable-objects/reassign";
import type { WireChat } from "../../durable-objects/protocol";

/** The chat as its room holds it now, with its department's name and the account's locale. */
export interface TransferSource {
  chat: WireChat;
  departmentName: string;
  locale: string;
}

/**
 * The chat to transfer, live from its room. 404 for an unknown id, another account's, or a chat
 * of a department `who` may not see (the same answer: docs/API.md "Visibility"); 403 for a chat
 * they may see unless they are its attendant, an administrator or a manager of its department;
 * 409 `chat_closed` for a closed chat.
 */
export async function loadSource(env: Env, who: SessionAttendant, chatId: string): Promise<TransferSource> {
  const row = await database(env.DB)
    .select({ departmentId: chats.departmentId, status: chats.status, attendantId: chats.attendantId, departmentName: departments.name, locale: accounts.locale })
    .from(chats)
    .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
    .innerJoin(accounts, eq(accounts.id, chats.accountId))
    .where(and(eq(chats.id, chatId), eq(chats.accountId, who.accountId)))
    .get();
  if (!row || !(await visibleDepartments(env.DB, who)).some((d) => d.id === row.departmentId)) throw notFound("No such chat");
  const chat = row.status === "closed" ? null : await departmentRoom(env, who.accountId, row.departmentId).getChat(chatId);
  if (!(await mayTransfer(env, who, row.departmentId, chat ? (chat.attendant?.id ?? null) : row.attendantId))) throw forbidden("Only the chat's attendant, a manager of its department or an administrator may transfer it");
  if (!chat || chat.status === "closed") throw conflict("chat_closed", "The chat is closed");
  return { chat, departmentName: row.departmentName, locale: row.locale };
}

async function mayTransfer(env: Env, who: SessionAttendant, departmentId: string, attendantId: string | null): Promise<boolean> {
  if (who.role === "administrator" || attendantId === who.id) return true;
  if (who.role !== "department_manager") return false;
  const link = await database(env.DB)
    .select({ manages: attendantDepartments.manages })
    .from(attendantDepartments)
    .where(and(eq(attendantDepartments.accountId, who.accountId), eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.departmentId, departmentId)))
    .get();
  return link?.manages === true;
}

/** Another active department of the account: 404 when unknown, 400 when inactive, 409 `same_department`. */
export async function loadDepartment(env: Env, accountId: string, departmentId: string, fromId: string): Promise<{ id: string; name: string }> {
  const row = await database(env.DB)
    .select({ id: departments.id, name: departments.name, active: departments.active })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.accountId, accountId)))
    .get();
  if (!row) throw notFound("No such department");
  if (!row.active) throw badRequest("This department is inactive", "departmentId");
  if (row.id === fromId) throw conflict("same_department", "The chat is already in this department", "departmentId");
  return { id: row.id, name: row.name };
}

/**
 * An active attendant of the account who attends `departmentId`, with their effective limit.
 * 404 when unknown; 400 when they do not attend that department.
 */
export async function loadAttendant(env: Env, accountId: string, attendantId: string, departmentId: string): Promise<AttendantTarget> {
  const row = await database(env.DB)
    .select({ id: attendants.id, name: attendants.name, maxChats: attendants.maxChats, attends: attendantDepartments.attends })
    .from(attendants)
    .leftJoin(
      attendantDepartments,
      and(eq(attendantDepartments.attendantId, attendants.id), eq(attendantDepartments.accountId, accountId), eq(attendantDepartments.departmentId, departmentId)),
    )
    .where(and(eq(attendants.id, attendantId), eq(attendants.accountId, accountId), eq(attendants.active, true)))
    .get();
  if (!row) throw notFound("No such attendant");
  if (!row.attends) throw badRequest("This attendant does not attend the department", "attendantId");
  // Their own limit wins over the account's default, as on their sockets (attendant-socket.ts).
  const maxChats = row.maxChats ?? (await loadAccountSettings(env.DB, accountId)).policies.maxChatsPerAttendant ?? null;
  return { id: row.id, name: row.name, maxChats };
}

/** The room's refusal codes as API errors. */
export function refusal(code: "not_found" | "chat_closed" | "same_attendant" | "attendant_offline" | "capacity_full"): ApiError {
  switch (code) {
    case "not_found":
      return notFound("No such chat");
    case "chat_closed":
      return conflict("chat_closed", "The chat is closed");
    case "same_attendant":
      return conflict("same_attendant", "The chat is already this attendant's", "attendantId");
    case "attendant_offline":
      return conflict("attendant_offline", "This attendant is not online in the department", "attendantId");
    case "capacity_full":
      return conflict("capacity_full", "This attendant already holds as many chats as their limit allows", "attendantId");
  }
}
