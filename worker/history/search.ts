/**
 * The history search: the chats of the account that match the filters, among the departments
 * the reader may see, newest first, with their labels. One query for the page and one for the
 * page's labels; the list route and the CSV export both read through here.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { visibleDepartments } from "../access";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, chatLabels, chats, labels } from "../db/schema";
import { chatListQuery, toListItem } from "./list-query";
import type { HistoryChat } from "../views-history";
import type { ChatLabel } from "../views-labels";
import { containsPattern, ftsPhrase, resolveRange, type HistoryFilters } from "./filters";

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/** The WHERE of a search, or null when it can match nothing (no visible department, an empty phrase). */
export async function searchCondition(db: D1Database, who: Who, filters: HistoryFilters): Promise<SQL | null> {
  const allowed = (await visibleDepartments(db, who)).map((d) => d.id);
  // Another account's department (or one the reader may not see) simply matches nothing, as before.
  const departmentIds = filters.departmentId ? allowed.filter((id) => id === filters.departmentId) : allowed;
  if (departmentIds.length === 0) return null;
  const account = who.accountId;
  const conditions: (SQL | undefined)[] = [eq(chats.accountId, account), inArray(chats.departmentId, departmentIds)];
  if (filters.status) conditions.push(eq(chats.status, filters.status));
  if (filters.attendantId) conditions.push(eq(chats.attendantId, filters.attendantId));
  if (filters.number) conditions.push(eq(chats.number, filters.number));
  if (filters.customer) {
    // A subquery over the account's customers (one scan of customers_account_email_idx) rather
    // than a LIKE per joined row: at 100,000 chats it halves a search for one rare customer.
    const pattern = containsPattern(filters.customer);
    conditions.push(
      sql`${chats.customerId} IN (SELECT id FROM customers WHERE account_id = ${account} AND (name LIKE ${pattern} ESCAPE '\\' OR email LIKE ${pattern} ESCAPE '\\'))`,
    );
  }
  if (filters.labelIds.length > 0) {
    // ANY of the labels; the account is in the subquery so another account's label id finds nothing.
    const ids = sql.join(
      filters.labelIds.map((id) => sql`${id}`),
      sql`, `,
    );
    conditions.push(sql`${chats.id} IN (SELECT chat_id FROM chat_labels WHERE account_id = ${account} AND label_id IN (${ids}))`);
  }
  if (filters.q) {
    const phrase = ftsPhrase(filters.q);
    if (!phrase) return null;
    conditions.push(
      sql`${chats.id} IN (SELECT m.chat_id FROM chat_messages_fts JOIN chat_messages m ON m.rowid = chat_messages_fts.rowid WHERE chat_messages_fts MATCH ${phrase} AND m.account_id = ${account})`,
    );
  }
  if (filters.from || filters.to) {
    const range = resolveRange(filters, await accountZone(db, account));
    if (range.from !== undefined) conditions.push(gte(chats.createdAt, range.from));
    if (range.to !== undefined) conditions.push(lt(chats.createdAt, range.to));
  }
  return and(...conditions)!;
}

/** The account's IANA time zone (its days are the ones `from`/`to` name). */
export async function accountZone(db: D1Database, accountId: string): Promise<string> {
  const row = await database(db).select({ zone: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId)).get();
  return row?.zone ?? "America/Sao_Paulo";
}

/** The labels of these chats (one query), by chat id, each chat's by name. */
export async function labelsOfChats(db: D1Database, accountId: string, chatIds: string[]): Promise<Map<string, ChatLabel[]>> {
  const byChat = new Map<string, ChatLabel[]>();
  if (chatIds.length === 0) return byChat;
  const rows = await database(db)
    .select({ chatId: chatLabels.chatId, id: labels.id, name: labels.name, color: labels.color })
    .from(chatLabels)
    .innerJoin(labels, and(eq(labels.id, chatLabels.labelId), eq(labels.accountId, chatLabels.accountId)))
    .where(and(eq(chatLabels.accountId, accountId), inArray(chatLabels.chatId, chatIds)))
    .orderBy(asc(labels.name));
  for (const { chatId, ...chip } of rows) {
    const list = byChat.get(chatId) ?? [];
    list.push(chip);
    byChat.set(chatId, list);
  }
  return byChat;
}

/** Rows `offset`… of the search (at most `count`), newest first, with their labels. */
export async function historyRows(db: D1Database, accountId: string, where: SQL, offset: number, count: number): Promise<HistoryChat[]> {
  const rows = await chatListQuery(db).where(where).orderBy(desc(chats.createdAt)).limit(count).offset(offset);
  const chips = await labelsOfChats(
    db,
    accountId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...toListItem(row), labels: chips.get(row.id) ?? [] }));
}
