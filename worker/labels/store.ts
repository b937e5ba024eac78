/**
 * D1 reads and writes of Rótulos shared by the routes and the rooms: the account's labels, a
 * chat's labels, the rows a rule or an attendant adds. Every query is scoped by account.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { database } from "../db/client";
import { chatLabels, labels, type LabelApplier } from "../db/schema";
import { labelsOfChats } from "../history/search";
import type { ChatLabel, LabelView } from "../views-labels";
import type { RuleCondition, RuleLabel } from "./rules";

export type LabelRow = typeof labels.$inferSelect;

/** The one mapping of a label row to the API. */
export function labelView(row: LabelRow): LabelView {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    description: row.description,
    active: row.active,
    conditions: row.conditions as RuleCondition[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every label of the account, by name (at most MAX_LABELS exist). */
export async function accountLabels(db: D1Database, accountId: string): Promise<LabelRow[]> {
  return database(db).select().from(labels).where(eq(labels.accountId, accountId)).orderBy(asc(labels.name));
}

/** The labels as the rule engine and the rooms need them. */
export function ruleLabels(rows: readonly LabelRow[]): RuleLabel[] {
  return rows.map((r) => ({ id: r.id, name: r.name, color: r.color, active: r.active, conditions: r.conditions as RuleCondition[] }));
}

/** One label of the account, or undefined (also for another account's id). */
export async function findLabel(db: D1Database, accountId: string, id: string): Promise<LabelRow | undefined> {
  return database(db).select().from(labels).where(and(eq(labels.id, id), eq(labels.accountId, accountId))).get();
}

/** A chat's labels, by name (the history's per-page read, for one chat). */
export async function labelsOfChat(db: D1Database, accountId: string, chatId: string): Promise<ChatLabel[]> {
  return (await labelsOfChats(db, accountId, [chatId])).get(chatId) ?? [];
}

/** The rows of one chat (who applied each). */
export async function chatLabelRows(db: D1Database, accountId: string, chatId: string) {
  return database(db)
    .select({ labelId: chatLabels.labelId })
    .from(chatLabels)
    .where(and(eq(chatLabels.chatId, chatId), eq(chatLabels.accountId, accountId)));
}

export interface ChatLabelInsert {
  accountId: string;
  chatId: string;
  labelId: string;
  appliedBy: LabelApplier;
  attendantId: string | null;
  rule: RuleCondition | null;
  at: number;
}

/**
 * Adds a label to a chat, only while the label still exists in the account (a room's cached
 * rules may name a label deleted a moment ago: that must not fail the chat's batch on the
 * foreign key) and only once (a repeat is a no-op).
 */
export function insertChatLabel(db: Database, row: ChatLabelInsert) {
  const value = <T>(v: T) => sql<T>`${v}`;
  return db
    .insert(chatLabels)
    .select(
      db
        .select({
          accountId: value(row.accountId).as("account_id"),
          chatId: value(row.chatId).as("chat_id"),
          labelId: labels.id,
          appliedBy: value(row.appliedBy).as("applied_by"),
          attendantId: value(row.attendantId).as("attendant_id"),
          rule: value(row.rule ? JSON.stringify(row.rule) : null).as("rule"),
          createdAt: value(row.at).as("created_at"),
        })
        .from(labels)
        .where(and(eq(labels.id, row.labelId), eq(labels.accountId, row.accountId))),
    )
    .onConflictDoNothing();
}

/** Removes labels from a chat. */
export function deleteChatLabels(db: Database, accountId: string, chatId: string, labelIds: string[]) {
  return db.delete(chatLabels).where(and(eq(chatLabels.accountId, accountId), eq(chatLabels.chatId, chatId), inArray(chatLabels.labelId, labelIds)));
}
