/**
 * The supervision view's state, derived from the store: the waiting and active chats of the
 * departments the signed-in administrator or manager supervises. The console already holds a
 * room socket for each of those departments (session.ready lists their open chats; queued,
 * accepted and closed keep the list current), so the view is live with no request of its own.
 * Pure functions, tested in Node.
 */
import type { WireChat } from "../durable-objects/protocol";
import type { Me } from "../worker/views";
import type { Store } from "./store";

/** "All departments" in the filter. */
export const ALL_DEPARTMENTS = "";

/** One line of the view. */
export interface SupervisionRow {
  chat: WireChat;
  departmentName: string;
  /** Since when the chat is in its status: accepted (active) or created (waiting). */
  since: number;
}

/** The departments the person supervises, by name (administrators: all; managers: theirs). */
export function supervisedDepartments(me: Me | null): { id: string; name: string }[] {
  return (me?.departments ?? []).filter((d) => d.supervises).map(({ id, name }) => ({ id, name }));
}

/** Since when a chat is waiting (created) or active (accepted). */
export function sinceOf(chat: WireChat): number {
  return chat.status === "active" ? (chat.acceptedAt ?? chat.createdAt) : chat.createdAt;
}

/**
 * The waiting and active chats of the supervised departments (or of one, `departmentId`), by
 * department name, the queue before the chats in progress, the longest first.
 */
export function supervisionRows(store: Pick<Store, "me" | "chats">, departmentId: string = ALL_DEPARTMENTS): SupervisionRow[] {
  const names = new Map(supervisedDepartments(store.me).map((d) => [d.id, d.name]));
  const rows: SupervisionRow[] = [];
  for (const { chat } of store.chats.values()) {
    const name = names.get(chat.departmentId);
    if (name === undefined || chat.status === "closed") continue;
    if (departmentId !== ALL_DEPARTMENTS && chat.departmentId !== departmentId) continue;
    rows.push({ chat, departmentName: name, since: sinceOf(chat) });
  }
  const rank = (row: SupervisionRow) => (row.chat.status === "waiting" ? 0 : 1);
  return rows.sort((a, b) => a.departmentName.localeCompare(b.departmentName) || rank(a) - rank(b) || a.since - b.since);
}

/** How many rows wait in the queue and how many are in progress. */
export function supervisionCounts(rows: SupervisionRow[]): { waiting: number; active: number } {
  const waiting = rows.filter((r) => r.chat.status === "waiting").length;
  return { waiting, active: rows.length - waiting };
}

/** A running clock for a duration: "0:42", "12:05", "1:02:09" (negative clock skew shows 0:00). */
export function elapsedClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Whether a closed chat was closed under this attendant by someone else (a manager or an
 * administrator): their console names who. Their own close, the customer's or the system's: no.
 */
export function closedByOther(chat: WireChat, meId: string | undefined): { name: string } | null {
  const closer = chat.closer;
  if (chat.status !== "closed" || closer?.type !== "attendant" || !closer.name || closer.id === meId) return null;
  return { name: closer.name };
}
