/**
 * How each server frame changes the console's state. `applyFrame` writes to the store and
 * returns the frames the console should send back (history requests to fill gaps); the live
 * session does the sending. Frame types this console does not know are ignored.
 */
import type { ClientFrame, ServerFrame, WireAttendant, WireChat } from "../durable-objects/protocol";
import { receiveHistory, receiveMessage, updateChat, type ChatView } from "./chat-view";
import { noticeTime } from "./hours-form";
import type { MessageKey } from "./i18n";
import type { Store } from "./store";
import { closedByOther } from "./supervision";
import { applyPresence } from "./customer-presence";

/** Asks for everything after what the view holds, and marks the request in flight. */
export function syncFrame(view: ChatView): ClientFrame {
  view.syncing = true;
  return { type: "chat.sync", chatId: view.chat.id, afterSeq: view.syncedSeq ?? 0 };
}

/** Chats whose history the console keeps current without being asked: the attendant's own open ones and the one on screen. */
export function wantsHistory(store: Store, view: ChatView): boolean {
  return view.chat.id === store.selectedChatId || (store.isMine(view) && view.chat.status === "active");
}

export function applyFrame(store: Store, departmentId: string, frame: ServerFrame): ClientFrame[] {
  const reply: ClientFrame[] = [];
  switch (frame.type) {
    case "session.ready":
      return onReady(store, departmentId, frame.chats, frame.attendants, frame.online);
    case "presence.changed":
      setPresence(store, departmentId, frame.attendants, frame.online);
      break;
    case "chat.transferred":
      onTransferred(store, frame.chat, frame.fromDepartmentId);
      break;
    case "chat.queued": {
      // A closed chat the console no longer lists stays gone.
      const known = store.chats.get(frame.chat.id);
      if (known) updateChat(known, frame.chat);
      else if (frame.chat.status !== "closed") updateChat(store.viewFor(frame.chat), frame.chat);
      break;
    }
    case "chat.accepted":
      onAccepted(store, frame.chat, reply);
      break;
    case "chat.presence":
      applyPresence(store, frame);
      break;
    case "chat.closed":
      onClosed(store, frame.chat);
      break;
    case "message.created": {
      const view = store.chats.get(frame.message.chatId);
      if (view && receiveMessage(view, frame.message)) reply.push(syncFrame(view));
      break;
    }
    case "chat.history": {
      const view = store.chats.get(frame.chatId);
      if (view && receiveHistory(view, frame.messages, frame.hasMore)) reply.push(syncFrame(view));
      break;
    }
    case "typing.changed": {
      const view = store.chats.get(frame.chatId);
      if (view && frame.by === "customer") view.customerTyping = frame.typing ? frame.name : null;
      break;
    }
    case "message.status": {
      const view = store.chats.get(frame.chatId);
      if (!view) break;
      if (frame.side === "attendant") {
        view.receipts = {
          deliveredSeq: Math.max(view.receipts.deliveredSeq, frame.deliveredSeq),
          readSeq: Math.max(view.receipts.readSeq, frame.readSeq),
        };
      } else {
        view.readSeq = Math.max(view.readSeq, frame.readSeq);
      }
      break;
    }
    case "error":
      onError(store, frame);
      break;
    case "attendant.status":
      onOwnStatus(store, frame);
      break;
    case "attendant.changed": {
      const department = store.departments.get(departmentId);
      if (department) department.rosterChanges += 1;
      break;
    }
    case "chat.labels": {
      const view = store.chats.get(frame.chatId);
      if (view) view.labels = frame.labels;
      break;
    }
    case "chat.inactivity_warning": {
      // Only the chat's own attendant is told (supervisors see it close like any other).
      const view = store.chats.get(frame.chatId);
      if (view && store.isMine(view)) store.notify("policies.noticeInactivity", { number: view.chat.number }, frame.chatId);
      break;
    }
    default:
      return reply;
  }
  store.changed();
  return reply;
}

/**
 * The server set this attendant's status (shift end, sockets gone past the grace period). Every
 * room of theirs sends it, so the shift-end notice is added once.
 */
function onOwnStatus(store: Store, frame: Extract<ServerFrame, { type: "attendant.status" }>): void {
  if (store.me) store.me = { ...store.me, chatStatus: frame.status };
  if (frame.reason !== "shift_ended") return;
  const params = { time: noticeTime(frame.at, Date.now(), store.locale) };
  if (!store.notices.some((n) => n.key === "notice.shiftEnded" && n.params?.time === params.time)) store.notify("notice.shiftEnded", params);
}

function setPresence(store: Store, departmentId: string, attendants: WireAttendant[], online: boolean): void {
  const department = store.departments.get(departmentId);
  if (department) {
    department.attendants = attendants;
    department.online = online;
  }
  // Another tab (or the server) may have changed this attendant's own status.
  const self = attendants.find((a) => a.id === store.me?.id);
  if (self && store.me) store.me = { ...store.me, chatStatus: self.status };
}

function onReady(store: Store, departmentId: string, chats: WireChat[], attendants: WireAttendant[], online: boolean): ClientFrame[] {
  setPresence(store, departmentId, attendants, online);
  const open = new Set(chats.map((c) => c.id));
  for (const chat of chats) updateChat(store.viewFor(chat), chat);
  // Requests sent on the previous connection got no answer: nothing is in flight any more.
  for (const view of store.chats.values()) if (view.chat.departmentId === departmentId) view.syncing = false;
  // Chats of this department that are gone from the server's list closed while we were away.
  for (const view of [...store.chats.values()]) {
    if (view.chat.departmentId !== departmentId || open.has(view.chat.id) || view.chat.status === "closed") continue;
    if (store.isMine(view) || view.chat.id === store.selectedChatId) {
      updateChat(view, { ...view.chat, status: "closed" });
    } else {
      store.chats.delete(view.chat.id);
    }
  }
  const reply: ClientFrame[] = [];
  for (const view of store.chats.values()) {
    if (view.chat.departmentId === departmentId && view.chat.status !== "closed" && wantsHistory(store, view)) {
      reply.push(syncFrame(view));
    }
  }
  store.changed();
  return reply;
}

function onAccepted(store: Store, chat: WireChat, reply: ClientFrame[]): void {
  const view = store.viewFor(chat);
  updateChat(view, chat);
  const askedByUs = store.accepting.delete(chat.id);
  if (store.isMine(view)) {
    if (askedByUs) store.selectedChatId = chat.id;
    if (!view.syncing) reply.push(syncFrame(view));
    return;
  }
  if (store.isSupervisor) return;
  // Another attendant's chat: an attendant neither sees nor follows it.
  store.chats.delete(chat.id);
  if (store.selectedChatId === chat.id) {
    // Someone else took the chat this attendant was looking at in the queue.
    store.selectedChatId = null;
    // A lost race already said so (error chat_taken); say it once.
    if (!store.notices.some((n) => n.chatId === chat.id)) {
      store.notify("notice.takenBy", { name: chat.attendant?.name ?? "", number: chat.number }, chat.id);
    }
  }
}

/**
 * A chat left one of this console's departments. When the console also follows the new
 * department, that room's own frames (queued, history) keep the chat listed; otherwise the
 * chat goes, unless it is on screen, where it stays with its new department until dismissed.
 */
function onTransferred(store: Store, chat: WireChat, fromDepartmentId: string): void {
  const view = store.chats.get(chat.id);
  if (!view || view.chat.departmentId !== fromDepartmentId) return;
  updateChat(view, chat);
  if (!store.departments.has(chat.departmentId) && store.selectedChatId !== chat.id) store.chats.delete(chat.id);
}

function onClosed(store: Store, chat: WireChat): void {
  const view = store.chats.get(chat.id);
  store.accepting.delete(chat.id);
  if (!view) return;
  updateChat(view, chat);
  // A manager or an administrator closed this attendant's chat: say who, once.
  const other = closedByOther(chat, store.me?.id);
  if (other && store.isMine(view) && !store.notices.some((n) => n.key === "notice.closedByOther" && n.chatId === chat.id)) {
    store.notify("notice.closedByOther", { name: other.name, number: chat.number }, chat.id);
  }
  // Closed chats stay listed only where the attendant has to see the end: their own chats
  // and the one on screen. They go when dismissed.
  if (!store.isMine(view) && store.selectedChatId !== chat.id) store.chats.delete(chat.id);
}

const errorNotices: Partial<Record<string, MessageKey>> = {
  chat_taken: "notice.chatTaken",
  chat_closed: "notice.chatClosed",
  forbidden: "notice.forbidden",
  not_found: "notice.notFound",
  unsupported_version: "notice.unsupported",
};

function onError(store: Store, frame: ServerFrame & { type: "error" }): void {
  if (frame.chatId) {
    store.accepting.delete(frame.chatId);
    const view = store.chats.get(frame.chatId);
    if (view) view.syncing = false;
  }
  if (frame.clientId) {
    for (const view of store.chats.values()) {
      view.pending = view.pending.map((p) => (p.clientId === frame.clientId ? { ...p, failed: true } : p));
    }
  }
  const key = errorNotices[frame.code];
  if (key) store.notify(key, undefined, frame.chatId);
  else store.notify("notice.error", { message: frame.message || frame.code }, frame.chatId);
}
