/**
 * A verified customer's previous conversations (a Lit reactive controller): the list from
 * `GET /api/widget/history` and the transcript being read, from `GET /api/widget/chats/:id/messages`.
 * Their views are in `/widget-history.js` (history-chunk.ts), loaded alongside the list.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { WireMessage } from "../durable-objects/protocol";
import type { WidgetHistoryChat } from "../worker/views";
import { getHistory, getTranscript } from "./api";
import { loadScript } from "./chunks";
import type { PanelBoot } from "./contract";
import { verifiedHash } from "./identity";
import { readToken } from "./storage";

export interface Transcript {
  chat: WidgetHistoryChat;
  /** Null while loading. */
  messages: WireMessage[] | null;
  failed: boolean;
}

export class HistoryController implements ReactiveController {
  /** Closed chats, newest first; empty for customers who are not verified. */
  chats: readonly WidgetHistoryChat[] = [];
  transcript: Transcript | null = null;
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the list again (after a chat ends, or when the customer changes). */
  async load(boot: PanelBoot): Promise<void> {
    const token = readToken(boot);
    let chats: WidgetHistoryChat[] = [];
    if (token && verifiedHash(boot)) {
      try {
        const views = loadScript(`${boot.server}/widget-history.js`);
        chats = (await getHistory(boot.server, boot.account, token)).chats.filter((c) => c.status === "closed");
        await views;
      } catch {
        // The list is a convenience: without it the chat works the same.
      }
    }
    this.chats = chats;
    this.#host.requestUpdate();
  }

  /** Shows one past chat; its messages arrive a moment later. */
  async open(boot: PanelBoot, chat: WidgetHistoryChat): Promise<void> {
    const token = readToken(boot);
    if (!token) return;
    const view: Transcript = { chat, messages: null, failed: false };
    this.transcript = view;
    this.#host.requestUpdate();
    try {
      view.messages = (await getTranscript(boot.server, boot.account, chat.id, token)).messages;
    } catch {
      view.failed = true;
    }
    if (this.transcript === view) this.transcript = { ...view };
    this.#host.requestUpdate();
  }

  close(): void {
    this.transcript = null;
    this.#host.requestUpdate();
  }
}
