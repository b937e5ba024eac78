/**
 * The live desk: one {@link DepartmentSocket} per department of the attendant, frames applied
 * to the store, and the attendant's actions (accept, send, read, typing, close) turned into
 * frames. After every (re)connection it resumes: `chat.sync` for the chats it follows and a
 * resend of unacknowledged messages (the server drops a repeated clientId).
 */
import { CloseCode, type ClientFrame, type WireMessage } from "../durable-objects/protocol";
import { ApiError } from "./api";
import { lastSeq, type ChatView } from "./chat-view";
import { DepartmentSocket, type WebSocketFactory } from "./department-socket";
import { applyFrame, syncFrame } from "./live-frames";
import { isNewWaitingChat } from "./new-chat-alert";
import { holdsMessage, isUnseenCustomerMessage } from "./message-alert";
import type { Store } from "./store";

/** Without a new `typing.changed`, the customer's indicator goes away after this. */
const CUSTOMER_TYPING_TTL_MS = 8_000;
/** The attendant counts as typing until this long after the last keystroke. */
const OWN_TYPING_IDLE_MS = 3_000;

export interface LiveOptions {
  /** A fresh single-use WebSocket token (POST /api/ws-token). */
  token: () => Promise<string>;
  /** Called when the token request says the session is gone (401). */
  onUnauthenticated: () => void;
  /**
   * Called once when a room closed a socket with 4001 (the attendant's role, departments or
   * activation changed): every socket has stopped; the owner reloads /api/me and starts again.
   */
  onRightsChanged: () => void;
  /** Base for socket URLs, e.g. "wss://example.com". */
  origin: string;
  WebSocket?: WebSocketFactory;
  /** A customer started waiting in a department the attendant attends (sound, notification). */
  onNewChat?: (chat: ChatView["chat"], departmentId: string) => void;
  /** A customer's new message in one of the attendant's chats not in view (message-alert.ts). */
  onNewMessage?: (message: WireMessage) => void;
  /** Whether the console's tab is hidden (a chat on screen in a hidden tab is not in view). */
  hidden?: () => boolean;
}

export class LiveSession {
  private readonly store: Store;
  private readonly options: LiveOptions;
  private readonly sockets = new Map<string, DepartmentSocket>();
  private readonly customerTypingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly ownTypingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private rightsChanged = false;

  constructor(store: Store, options: LiveOptions) {
    this.store = store;
    this.options = options;
  }

  /** Connects to every department of the signed-in attendant. */
  start(): void {
    for (const departmentId of this.store.departments.keys()) {
      const socket = new DepartmentSocket({
        departmentId,
        origin: this.options.origin,
        token: () => this.options.token(),
        onFrame: (frame) => this.onFrame(departmentId, frame),
        onState: (state) => {
          const department = this.store.departments.get(departmentId);
          if (department) department.connection = state;
          this.store.changed();
        },
        isFatal: (error) => {
          if (!(error instanceof ApiError) || error.status !== 401) return false;
          queueMicrotask(() => this.options.onUnauthenticated());
          return true;
        },
        onClose: (code) => this.onClose(code),
        WebSocket: this.options.WebSocket,
      });
      this.sockets.set(departmentId, socket);
      socket.start();
    }
  }

  /** Closes every socket and forgets every timer. */
  stop(): void {
    for (const socket of this.sockets.values()) socket.stop();
    this.sockets.clear();
    for (const timer of [...this.customerTypingTimers.values(), ...this.ownTypingTimers.values()]) clearTimeout(timer);
    this.customerTypingTimers.clear();
    this.ownTypingTimers.clear();
  }

  /** Retries at once the departments waiting for a reconnection (e.g. the network is back). */
  reconnectNow(): void {
    for (const socket of this.sockets.values()) socket.reconnectNow();
  }

  /** Shows a chat and loads its history the first time. */
  open(chatId: string | null): void {
    this.store.selectedChatId = chatId;
    const view = chatId === null ? undefined : this.store.chats.get(chatId);
    if (view && view.syncedSeq === null && !view.syncing) this.sendFor(view, syncFrame(view));
    this.store.changed();
  }

  accept(chatId: string): void {
    const view = this.store.chats.get(chatId);
    if (!view || this.store.accepting.has(chatId)) return;
    if (this.sendFor(view, { type: "chat.accept", chatId })) this.store.accepting.add(chatId);
    else this.store.notify("error.network");
    this.store.changed();
  }

  /** Sends a message; it shows as pending until `message.created` brings its clientId back. */
  send(chatId: string, body: string): void {
    const view = this.store.chats.get(chatId);
    const text = body.trim();
    if (!view || text === "") return;
    const clientId = crypto.randomUUID();
    view.pending = [...view.pending, { clientId, body: text, createdAt: Date.now(), failed: false }];
    this.setTyping(chatId, false);
    // When the socket is down the message stays pending and goes out after the reconnection.
    this.sendFor(view, { type: "message.send", chatId, clientId, body: text });
    this.store.changed();
  }

  /** Sends a refused message again with the same clientId. */
  retry(chatId: string, clientId: string): void {
    const view = this.store.chats.get(chatId);
    const pending = view?.pending.find((p) => p.clientId === clientId);
    if (!view || !pending) return;
    view.pending = view.pending.map((p) => (p.clientId === clientId ? { ...p, failed: false } : p));
    this.sendFor(view, { type: "message.send", chatId, clientId, body: pending.body });
    this.store.changed();
  }

  close(chatId: string): void {
    const view = this.store.chats.get(chatId);
    if (view && !this.sendFor(view, { type: "chat.close", chatId })) this.store.notify("error.network");
  }

  /** Removes a closed chat from the lists. */
  dismiss(chatId: string): void {
    const view = this.store.chats.get(chatId);
    if (!view || view.chat.status !== "closed") return;
    this.store.chats.delete(chatId);
    if (this.store.selectedChatId === chatId) this.store.selectedChatId = null;
    this.store.changed();
  }

  /** Reports everything on screen as read, for the attendant's own open chat. */
  markRead(chatId: string): void {
    const view = this.store.chats.get(chatId);
    if (!view || !this.store.isMine(view) || view.chat.status !== "active") return;
    const seq = lastSeq(view);
    if (seq <= view.readSeq) return;
    if (this.sendFor(view, { type: "message.read", chatId, seq })) {
      view.readSeq = seq;
      this.store.changed();
    }
  }

  /**
   * The attendant typed (true) or stopped (false: sent, cleared, left the box). Sends
   * `typing.set` only on a change, and `false` by itself after a pause in the keystrokes.
   */
  setTyping(chatId: string, typing: boolean): void {
    const view = this.store.chats.get(chatId);
    if (!view) return;
    const timer = this.ownTypingTimers.get(chatId);
    if (timer !== undefined) clearTimeout(timer);
    if (typing) {
      if (timer === undefined) this.sendFor(view, { type: "typing.set", chatId, typing: true });
      this.ownTypingTimers.set(chatId, setTimeout(() => this.setTyping(chatId, false), OWN_TYPING_IDLE_MS));
    } else if (timer !== undefined) {
      this.ownTypingTimers.delete(chatId);
      this.sendFor(view, { type: "typing.set", chatId, typing: false });
    }
  }

  /**
   * Marks the chat on screen read in the same store change as the frame that brought its new
   * messages: the chat list then renders once (the unread badge never shows 1 before going back
   * to 0), instead of once for the message and again when the window reports it read.
   */
  private readInView(): void {
    const at = this.attention();
    if (at.selectedChatId !== null && at.onDesk && !at.hidden) this.markRead(at.selectedChatId);
  }

  private attention() {
    return { selectedChatId: this.store.selectedChatId, onDesk: this.store.route.page === "live", hidden: this.options.hidden?.() ?? false };
  }

  private sendFor(view: ChatView, frame: ClientFrame): boolean {
    return this.sockets.get(view.chat.departmentId)?.send(frame) ?? false;
  }

  private onFrame(departmentId: string, frame: Parameters<typeof applyFrame>[2]): void {
    const socket = this.sockets.get(departmentId);
    if (!socket) return;
    const wasWaiting = frame.type === "chat.queued" && this.store.chats.get(frame.chat.id)?.chat.status === "waiting";
    const known = holdsMessage(this.store, frame);
    for (const reply of applyFrame(this.store, departmentId, frame)) socket.send(reply);
    if (isNewWaitingChat(this.store, departmentId, frame, wasWaiting)) this.options.onNewChat?.(frame.chat, departmentId);
    if (isUnseenCustomerMessage(this.store, frame, known, this.attention())) this.options.onNewMessage?.(frame.message);
    if (frame.type === "message.created" || frame.type === "chat.history") this.readInView();
    if (frame.type === "session.ready") this.resendPending(departmentId, socket);
    if (frame.type === "typing.changed" && frame.by === "customer") this.expireCustomerTyping(frame.chatId, frame.typing);
    if (frame.type === "error" && frame.code === "unsupported_version") socket.stop();
  }

  /**
   * A 4001 from any room means the rights behind every socket changed: all stop, and the owner
   * is told once, however many rooms close. Other codes are retried as usual.
   */
  private onClose(code: number): boolean {
    if (code !== CloseCode.rightsChanged) return false;
    if (!this.rightsChanged) {
      this.rightsChanged = true;
      this.stop();
      queueMicrotask(() => this.options.onRightsChanged());
    }
    return true;
  }

  private resendPending(departmentId: string, socket: DepartmentSocket): void {
    for (const view of this.store.chats.values()) {
      if (view.chat.departmentId !== departmentId || view.chat.status === "closed") continue;
      for (const p of view.pending) {
        if (!p.failed) socket.send({ type: "message.send", chatId: view.chat.id, clientId: p.clientId, body: p.body });
      }
    }
  }

  private expireCustomerTyping(chatId: string, typing: boolean): void {
    const timer = this.customerTypingTimers.get(chatId);
    if (timer !== undefined) clearTimeout(timer);
    this.customerTypingTimers.delete(chatId);
    if (!typing) return;
    this.customerTypingTimers.set(
      chatId,
      setTimeout(() => {
        this.customerTypingTimers.delete(chatId);
        const view = this.store.chats.get(chatId);
        if (view) view.customerTyping = null;
        this.store.changed();
      }, CUSTOMER_TYPING_TTL_MS),
    );
  }
}
