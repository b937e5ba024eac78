/**
 * The live state of the customer's chat for the panel (a Lit reactive controller): the chat,
 * its messages, what is pending, receipts, the attendant's typing, the connection state. It
 * owns the `ChatConnection` and turns server frames into that state; the panel only renders it.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ServerFrame, WireChat, WireMessage } from "../durable-objects/protocol";
import { ApiRequestError, getMe, getTranscript } from "./api";
import { ChatConnection, type ConnectionState, type PendingMessage } from "./chat-connection";
import type { PanelBoot } from "./contract";
import { emit } from "./events";
import { mergeMessages, type Receipts } from "./messages";
import { resumeUrl } from "./resume-url";
import { readToken, writeToken } from "./storage";

/** The attendant's "typing" fades if no update comes (a lost `typing: false`). */
const TYPING_SHOWN_MS = 10_000;
/** The customer stops "typing" after this long without a keystroke. */
const TYPING_IDLE_MS = 3_000;

export interface ChatHost extends ReactiveControllerHost, EventTarget {
  readonly boot: PanelBoot | null;
}

export interface ChatCallbacks {
  /** The stored customer is gone (token expired or revoked): the panel goes back to the form. */
  onExpired(): void;
  /** The chat was closed (by anyone, or found closed on a reconnect). */
  onClosed(chat: WireChat): void;
  /** The department closed by its hours while the chat waits (`queue.closed`). */
  onQueueClosed?(chat: WireChat): void;
  /** The server does not speak our protocol version. */
  onUnsupported(): void;
}

export class ChatController implements ReactiveController {
  chat: WireChat | null = null;
  messages: readonly WireMessage[] = [];
  pending: readonly PendingMessage[] = [];
  receipts: Receipts = { deliveredSeq: 0, readSeq: 0 };
  connState: ConnectionState = "connecting";
  /** Whether an attendant of the chat's department is online (busy ones too). */
  online = true;
  /** The chat's place in the queue while it waits (0: not told). */
  position = 0;
  /** The department closed by its hours while the chat waits: the panel offers the offline form. */
  queueClosed = false;
  /** When the chat's department opens again, from `presence.changed` (epoch ms). */
  opensAt?: number | null;
  /** Name of the attendant who is typing, if one is. */
  typingName: string | null = null;
  /** When the room will close the chat for the customer's silence (`chat.inactivity_warning`); null: no warning. */
  inactivityClosesAt: number | null = null;
  /** The customer has read the attendant's messages up to this seq (here, or in another tab once the server says so). */
  readSeq = 0;

  #host: ChatHost;
  #callbacks: ChatCallbacks;
  #connection: ChatConnection | null = null;
  /** The first history of the current chat has arrived: what comes next is news. */
  #historyLoaded = false;
  /** The last socket URL the API gave: the base of a direct resume. */
  #lastWsUrl: string | null = null;
  /** The current socket reached `session.ready`: its next reconnect may skip `/me` (one attempt). */
  #resumeDirect = false;
  #typingSent = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #attendantTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ChatHost, callbacks: ChatCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Attendant messages the customer has not read yet (the launcher's badge). */
  get unread(): number {
    return this.messages.filter((m) => m.author.type === "attendant" && m.seq > this.readSeq).length;
  }

  /** The chat is open (waiting or active). */
  get isOpen(): boolean {
    return this.chat !== null && this.chat.status !== "closed";
  }

  hostConnected(): void {
    if (this.chat && this.isOpen && !this.#connection) this.#connect(this.chat.id, null);
  }

  hostDisconnected(): void {
    this.stopTyping();
    this.#stopConnection();
  }

  /** Shows `chat` and, while it is open, connects to it (`url` from the API, or null to ask). */
  enter(chat: WireChat, url: string | null, online: boolean): void {
    this.#stopConnection();
    this.chat = chat;
    this.messages = [];
    this.pending = [];
    this.typingName = null;
    this.inactivityClosesAt = null;
    this.online = online;
    this.position = 0;
    this.queueClosed = false;
    this.#historyLoaded = false;
    this.readSeq = chat.customerReadSeq;
    this.receipts = { deliveredSeq: chat.attendantDeliveredSeq, readSeq: chat.attendantReadSeq };
    if (chat.status !== "closed") this.#connect(chat.id, url);
    else void this.#loadTranscript(chat.id);
    this.#host.requestUpdate();
  }

  /** A closed chat has no socket: its messages come once from the API (reload, another device). */
  async #loadTranscript(chatId: string): Promise<void> {
    const boot = this.#host.boot;
    const token = boot && readToken(boot);
    if (!boot || !token) return;
    try {
      const { messages } = await getTranscript(boot.server, boot.account, chatId, token);
      if (this.chat?.id === chatId) this.#addMessages(messages, false);
    } catch {
      // The closed state still shows; the transcript stays in the customer's history.
    }
    this.#host.requestUpdate();
  }

  /** Forgets the chat (before a new one). */
  reset(): void {
    this.#stopConnection();
    this.chat = null;
    this.messages = [];
    this.pending = [];
    this.typingName = null;
    this.queueClosed = false;
    this.#host.requestUpdate();
  }

  /** Sends a message; it shows as pending until the server acknowledges it. */
  send(body: string): void {
    this.stopTyping();
    this.#connection?.send(body);
  }

  retry(clientId: string): void {
    this.#connection?.retry(clientId);
  }

  /** Asks the server to close the chat; `chat.closed` follows. */
  closeChat(): void {
    this.#connection?.closeChat();
  }

  reconnectNow(): void {
    this.#connection?.reconnectNow();
  }

  /** Everything received counts as read (the panel calls this only while it is visible). */
  markRead(): void {
    const last = this.messages[this.messages.length - 1];
    if (!last) return;
    this.readSeq = Math.max(this.readSeq, last.seq);
    this.#connection?.markRead(last.seq);
  }

  /** The customer edited the draft: "typing" starts, and stops after a pause or when emptied. */
  typed(hasText: boolean): void {
    clearTimeout(this.#typingTimer);
    if (!hasText) {
      this.stopTyping();
      return;
    }
    if (!this.#typingSent) {
      this.#typingSent = true;
      this.#connection?.setTyping(true);
    }
    this.#typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.#typingTimer);
    if (!this.#typingSent) return;
    this.#typingSent = false;
    this.#connection?.setTyping(false);
  }

  #connect(chatId: string, url: string | null): void {
    if (url) this.#lastWsUrl = url;
    this.#resumeDirect = false;
    let connection: ChatConnection | undefined;
    // Callbacks of a connection that has been replaced are ignored.
    const current = (): boolean => connection !== undefined && this.#connection === connection;
    const last = this.messages[this.messages.length - 1];
    connection = new ChatConnection(chatId, url, last?.seq ?? 0, {
      onFrame: (frame) => {
        if (!current()) return;
        this.#onFrame(frame);
        this.#host.requestUpdate();
      },
      onState: (state) => {
        if (!current()) return;
        this.connState = state;
        this.#host.requestUpdate();
      },
      onPending: (pending) => {
        if (!current()) return;
        this.pending = pending;
        this.#host.requestUpdate();
      },
      resume: () => this.#resume(chatId),
    });
    this.#connection = connection;
    this.connState = "connecting";
  }

  #stopConnection(): void {
    this.#connection?.stop();
    this.#connection = null;
  }

  /** Before each reconnect: a fresh socket URL, or null when this chat cannot go on. */
  async #resume(chatId: string): Promise<string | null> {
    const boot = this.#host.boot;
    const token = boot && readToken(boot);
    if (!boot || !token) {
      this.#expired();
      return null;
    }
    // After a drop (a deploy drops every socket at once), straight back to the chat; if that is
    // refused, the next attempt asks /me, which says why.
    if (this.#resumeDirect && this.#lastWsUrl) {
      this.#resumeDirect = false;
      return resumeUrl(this.#lastWsUrl, boot.account, chatId);
    }
    let me;
    try {
      me = await getMe(boot.server, boot.account, token);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) throw error;
      writeToken(boot, null);
      if (this.chat?.id === chatId) this.#expired();
      return null;
    }
    // The customer moved on (e.g. started a new chat) while we were asking.
    if (this.chat?.id !== chatId) return null;
    const chat = me.chat;
    if (chat?.id === chatId && chat.status !== "closed" && me.ws) {
      this.#updateChat(chat);
      this.#host.requestUpdate();
      this.#lastWsUrl = me.ws.url;
      return me.ws.url;
    }
    if (chat?.id === chatId) this.#closed(chat);
    else if (chat && chat.status !== "closed") this.enter(chat, me.ws?.url ?? null, this.online);
    else this.#closedNow();
    this.#host.requestUpdate();
    return null;
  }

  #expired(): void {
    this.reset();
    this.#callbacks.onExpired();
  }

  #onFrame(frame: ServerFrame): void {
    const chatId = this.chat?.id;
    switch (frame.type) {
      case "session.ready": {
        this.#resumeDirect = true;
        this.online = frame.online || !!frame.busy;
        const chat = frame.chats.find((c) => c.id === chatId);
        if (chat) this.#updateChat(chat);
        break;
      }
      case "chat.history":
        if (frame.chatId !== chatId) break;
        this.#addMessages(frame.messages, this.#historyLoaded);
        if (!frame.hasMore) this.#historyLoaded = true;
        break;
      case "message.created":
        if (frame.message.chatId !== chatId) break;
        this.#addMessages([frame.message], true);
        // The customer spoke: the room postpones the close.
        if (frame.message.author.type === "customer") this.inactivityClosesAt = null;
        break;
      case "chat.inactivity_warning":
        if (frame.chatId === chatId) this.inactivityClosesAt = frame.closesAt;
        break;
      case "chat.queued":
      case "chat.accepted":
      case "chat.transferred":
        if (frame.chat.id !== chatId) break;
        this.#updateChat(frame.chat);
        // Not a drop: the new room is asked through /me, which names it once its D1 copy has it.
        if (frame.type === "chat.transferred") this.#resumeDirect = false;
        break;
      case "chat.closed":
        if (frame.chat.id === chatId) this.#closed(frame.chat);
        break;
      case "typing.changed":
        if (frame.chatId === chatId && frame.by === "attendant") this.#showTyping(frame.typing ? frame.name : null);
        break;
      case "message.status":
        if (frame.chatId !== chatId) break;
        if (frame.side === "customer") this.#setReceipts(frame.deliveredSeq, frame.readSeq);
        else this.readSeq = Math.max(this.readSeq, frame.readSeq);
        break;
      case "presence.changed":
        this.online = frame.online || !!frame.busy;
        this.opensAt = frame.opensAt;
        // Open again before the customer left a message: the chat goes on.
        if (frame.online) this.queueClosed = false;
        break;
      case "queue.position":
        if (frame.chatId === chatId) this.position = frame.position;
        break;
      case "queue.closed":
        if (frame.chatId !== chatId || !this.chat) break;
        this.opensAt = frame.opensAt;
        this.queueClosed = true;
        this.#callbacks.onQueueClosed?.(this.chat);
        break;
      case "error":
        if (frame.code === "unsupported_version") this.#callbacks.onUnsupported();
        else if (frame.code === "chat_closed") this.#closedNow();
        break;
    }
  }

  #addMessages(incoming: WireMessage[], announce: boolean): void {
    const { list, added } = mergeMessages(this.messages, incoming);
    this.messages = list;
    if (added.some((m) => m.author.type === "attendant")) this.#showTyping(null);
    if (announce) for (const message of added) emit(this.#host, "tomticket-chat:message", message);
  }

  #updateChat(chat: WireChat): void {
    if (chat.status === "closed") {
      this.#closed(chat);
      return;
    }
    this.chat = chat;
    // Accepted (e.g. by an attendant still at work): the chat goes on.
    if (chat.status !== "waiting") this.queueClosed = false;
    this.readSeq = Math.max(this.readSeq, chat.customerReadSeq);
    this.#setReceipts(chat.attendantDeliveredSeq, chat.attendantReadSeq);
  }

  /** The server says the chat is closed without sending it: close our copy. */
  #closedNow(): void {
    if (this.chat && this.isOpen) this.#closed({ ...this.chat, status: "closed", closedAt: Date.now(), closedBy: null });
  }

  #closed(chat: WireChat): void {
    const wasOpen = this.isOpen;
    this.stopTyping();
    this.#stopConnection();
    this.chat = chat;
    this.typingName = null;
    this.inactivityClosesAt = null;
    // What was never acknowledged was not sent: say so rather than drop it silently.
    this.pending = this.pending.map((p) => ({ ...p, failed: true }));
    if (!wasOpen) return;
    emit(this.#host, "tomticket-chat:chat-ended", { chatId: chat.id, closedBy: chat.closedBy });
    this.#callbacks.onClosed(chat);
  }

  #setReceipts(deliveredSeq: number, readSeq: number): void {
    const { receipts } = this;
    if (deliveredSeq <= receipts.deliveredSeq && readSeq <= receipts.readSeq) return;
    this.receipts = {
      deliveredSeq: Math.max(receipts.deliveredSeq, deliveredSeq),
      readSeq: Math.max(receipts.readSeq, readSeq),
    };
  }

  #showTyping(name: string | null): void {
    clearTimeout(this.#attendantTypingTimer);
    this.typingName = name;
    if (name) {
      this.#attendantTypingTimer = setTimeout(() => {
        this.typingName = null;
        this.#host.requestUpdate();
      }, TYPING_SHOWN_MS);
    }
  }
}
