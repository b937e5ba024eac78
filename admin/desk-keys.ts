/**
 * What each part of the live desk shows from the store, as flat lists of values compared one
 * by one (`AppElement.storeKeys`). A customer's message changes its chat's `messages.length`
 * and nothing else here, so it re-renders the open chat or one row's unread badge, never the
 * queue. Records the store replaces on every change (`view.chat`, `view.pending`,
 * `view.receipts`, `view.labels`, `store.me`) are compared by identity; departments are mutated
 * in place, so their fields are listed.
 */
import { unreadCount, type ChatView } from "./chat-view";
import type { Store } from "./store";

/** The locale, the signed-in attendant and the departments (names, attendance, connection, presence). */
export function commonKeys(store: Store): unknown[] {
  const keys: unknown[] = [store.locale, store.me, store.account, store.phase, store.route];
  for (const d of store.departments.values()) keys.push(d.id, d.name, d.attends, d.connection, d.online, d.attendants);
  return keys;
}

/** The queue: every waiting chat (record, whether it is being accepted, its first messages) and the selection. */
export function queueKeys(store: Store): unknown[] {
  const keys = commonKeys(store);
  keys.push(store.selectedChatId);
  for (const view of store.chats.values()) {
    if (view.chat.status !== "waiting") continue;
    keys.push(view.chat, view.messages.length, store.accepting.has(view.chat.id));
  }
  return keys;
}

/** The attendant's (or, for supervisors, the others') chats: records and unread counts. */
export function chatListKeys(store: Store): unknown[] {
  const keys = commonKeys(store);
  keys.push(store.selectedChatId);
  for (const view of store.chats.values()) {
    if (view.chat.status === "waiting") continue;
    // The unread count, not the message count: a message read at once (the open chat) changes nothing here.
    keys.push(view.chat, view.chat.status === "active" ? unreadCount(view) : 0);
  }
  return keys;
}

/**
 * Everything the open chat's window shows of its view, around the message list: a message
 * changes only whether there are none yet (the loading line). The list itself follows its own
 * keys ({@link messageListKeys}), so a message does not re-render the header and details.
 */
export function selectedKeys(store: Store): unknown[] {
  const keys = commonKeys(store);
  const view = store.selected;
  keys.push(view);
  if (view) keys.push(view.chat, view.messages.length === 0, view.syncing, view.customerTyping, view.labels, store.accepting.has(view.chat.id));
  return keys;
}

/** What the message list shows: the chat's messages, pending ones and receipts, and the attendant's name on pending ones. */
export function messageListKeys(store: Store, view: ChatView | undefined): unknown[] {
  return view ? [store.locale, store.me?.name, ...viewKeys(view)] : [store.locale];
}

/** The presence list: the departments and how many chats each has active (the rosters' load). */
export function presenceKeys(store: Store): unknown[] {
  const keys = commonKeys(store);
  const active = new Map<string, number>();
  for (const view of store.chats.values()) {
    if (view.chat.status === "active") active.set(view.chat.departmentId, (active.get(view.chat.departmentId) ?? 0) + 1);
  }
  for (const d of store.departments.values()) keys.push(active.get(d.id) ?? 0, d.rosterChanges);
  return keys;
}

/** One chat's record, messages, pending messages and receipts (not its read mark: nothing on screen shows it). */
export function viewKeys(view: ChatView): unknown[] {
  return [view.chat, view.messages.length, view.pending, view.receipts];
}
