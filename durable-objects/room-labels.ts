/**
 * Rótulos in the department room: the account's labels and rules (pushed by the Worker after
 * every change, worker/labels/rooms.ts, or loaded from D1 when the room has none or they are
 * older than `LABELS_STALE_MS`, the safety net for a push that failed), and the labels of the
 * chats this room holds, so it can tell consoles without reading D1. D1 stays the truth; a
 * chat's rows here leave with the chat (a trigger, room-schema.ts v5).
 *
 * The customer never receives any of this: labels travel only in frames to attendant sockets.
 */
import type { ChatLabel } from "../worker/views-labels";
import type { RuleCondition, RuleLabel } from "../worker/labels/rules";
import { toAllAttendants } from "./fanout";
import type { ServerFrame } from "./protocol";

/** Rules older than this are read again from D1 before the next admission. */
export const LABELS_STALE_MS = 10 * 60_000;

/** The stored rules, and when the D1 read they came from began (null: never loaded). */
export function readLabels(sql: SqlStorage): { labels: RuleLabel[]; readAt: number } | null {
  const state = sql.exec<{ read_at: number }>("SELECT read_at FROM labels_state WHERE id = 1").toArray()[0];
  if (!state) return null;
  const labels = sql
    .exec<{ id: string; name: string; color: string; active: number; conditions: string }>("SELECT id, name, color, active, conditions FROM labels ORDER BY position")
    .toArray()
    .map((r) => ({ id: r.id, name: r.name, color: r.color, active: r.active === 1, conditions: JSON.parse(r.conditions) as RuleCondition[] }));
  return { labels, readAt: state.read_at };
}

/** Whether the room should read its rules from D1 before admitting a chat. */
export function labelsStale(sql: SqlStorage, now: number): boolean {
  const state = readLabels(sql);
  return !state || state.readAt < now - LABELS_STALE_MS;
}

/**
 * Replaces the stored rules with a set read from D1 at `readAt`, unless a newer read is already
 * stored (a slow load must not undo a push). Renamed, recoloured or deleted labels are updated in
 * the chats' labels too; returns the chats whose labels changed, for the consoles to hear.
 */
export function writeLabels(sql: SqlStorage, labels: readonly RuleLabel[], readAt: number): string[] | null {
  const current = readLabels(sql);
  if (current && current.readAt > readAt) return null;
  sql.exec("DELETE FROM labels");
  labels.forEach((l, position) =>
    sql.exec("INSERT INTO labels (id, name, color, active, conditions, position) VALUES (?, ?, ?, ?, ?, ?)", l.id, l.name, l.color, l.active ? 1 : 0, JSON.stringify(l.conditions), position),
  );
  sql.exec("INSERT INTO labels_state (id, read_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET read_at = excluded.read_at", readAt);
  const changed = sql
    .exec<{ chat_id: string }>(
      `SELECT DISTINCT c.chat_id FROM chat_labels c LEFT JOIN labels l ON l.id = c.label_id
       WHERE l.id IS NULL OR l.name != c.name OR l.color != c.color`,
    )
    .toArray()
    .map((r) => r.chat_id);
  sql.exec("DELETE FROM chat_labels WHERE label_id NOT IN (SELECT id FROM labels)");
  sql.exec("UPDATE chat_labels SET name = (SELECT name FROM labels WHERE id = label_id), color = (SELECT color FROM labels WHERE id = label_id)");
  return changed;
}

/** The labels of one chat held here, by name. */
export function chatLabels(sql: SqlStorage, chatId: string): ChatLabel[] {
  return sql
    .exec<{ id: string; name: string; color: string }>("SELECT label_id AS id, name, color FROM chat_labels WHERE chat_id = ? ORDER BY name", chatId)
    .toArray()
    .map((r) => ({ id: r.id, name: r.name, color: r.color }));
}

/** The labels of every chat held here that has any, by chat (session.ready). */
export function labelsByChat(sql: SqlStorage): Map<string, ChatLabel[]> {
  const out = new Map<string, ChatLabel[]>();
  for (const r of sql.exec<{ chat_id: string; id: string; name: string; color: string }>("SELECT chat_id, label_id AS id, name, color FROM chat_labels ORDER BY name")) {
    const list = out.get(r.chat_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.chat_id, list);
  }
  return out;
}

/** Replaces the labels of a chat held here (its D1 rows were written first). */
export function setChatLabels(sql: SqlStorage, chatId: string, labels: readonly ChatLabel[]): void {
  sql.exec("DELETE FROM chat_labels WHERE chat_id = ?", chatId);
  for (const l of labels) sql.exec("INSERT INTO chat_labels (chat_id, label_id, name, color) VALUES (?, ?, ?, ?)", chatId, l.id, l.name, l.color);
}

/** Tells every attendant socket of the room the current labels of these chats (never a customer socket). */
export function tellChatLabels(ctx: DurableObjectState, chatIds: readonly string[]): void {
  for (const chatId of chatIds) {
    toAllAttendants(ctx, { type: "chat.labels", chatId, labels: chatLabels(ctx.storage.sql, chatId) } satisfies ServerFrame);
  }
}
