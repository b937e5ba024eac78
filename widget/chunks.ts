/**
 * Parts of the panel that only some chats use, each in a small script of its own that a page
 * downloads when (and only when) it needs it: `/widget-survey.js` (the satisfaction survey's
 * form, survey-chunk.ts), `/widget-emoji.js` (the composer's emoji picker, emoji-chunk.ts),
 * `/widget-offline.js` (the offline form, offline-chunk.ts), `/widget-history.js` (a verified
 * customer's past chats, history-chunk.ts) and `/widget-closed.js` (the end of a chat,
 * closed-chunk.ts).
 * A chunk registers itself on a global, like the language scripts (i18n.ts), and carries no
 * Lit of its own: the panel hands it Lit's `html` when it renders (the bigger chunks get the
 * panel's whole kit, panel-kit.ts, and so share the panel's renderers and API calls).
 */
import type { html as litHtml, nothing, TemplateResult } from "lit";
import type { PanelText } from "./i18n";
import type { CoreFactory } from "./core-contract";
import type { TomticketChatPanel } from "./panel";
import type { PanelKit } from "./panel-kit";
import type { ChatCallbacks, ChatController } from "./chat-controller";
import type { Receipts, Row } from "./messages";
import type { PendingMessage } from "./chat-connection";
import type { WireMessage } from "../durable-objects/protocol";
import type { Lang } from "./i18n";

/** What the survey chunk draws the form from. */
export interface SurveyArgs {
  html: typeof litHtml;
  t: PanelText;
  /** The last refusal's text, or "". */
  error: string;
  sending: boolean;
  onSubmit(event: SubmitEvent): void;
}

/** What the emoji chunk draws the picker from. */
export interface EmojiArgs {
  html: typeof litHtml;
  /** The picker's accessible name. */
  label: string;
  /** An emoji was picked (by click, Enter or Space). */
  onPick(emoji: string): void;
  /** Escape: close the picker. */
  onClose(): void;
}

/** The offline form (offline-chunk.ts): drawn from the panel and the panel's kit (panel-kit.ts). */
export type OfflineChunk = (kit: PanelKit, panel: TomticketChatPanel, t: PanelText) => TemplateResult;

/** A verified customer's past chats (history-chunk.ts), drawn from the panel's `history` controller. */
export interface HistoryChunk {
  /** The past chats except `current`; nothing when there is none. */
  list(kit: PanelKit, panel: TomticketChatPanel, t: PanelText, current?: string): TemplateResult | typeof nothing;
  /** The past chat being read. */
  transcript(kit: PanelKit, panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing;
}

/** The end of a chat (closed-chunk.ts): who closed it, the survey, the transcript by e-mail, "new chat". */
export type ClosedChunk = (kit: PanelKit, panel: TomticketChatPanel, t: PanelText) => TemplateResult;

/**
 * The chat machinery (chat-chunk.ts, `/widget-chat.js`): the live chat's controller, its socket
 * and the message views. The pre-chat form does not need it: it is fetched when the panel
 * shows, and awaited only when the panel enters a chat.
 */
export interface ChatChunk {
  /** The panel's controller; files in messages are shown for `panel` from then on (attach-loader.ts). */
  controller(panel: TomticketChatPanel, callbacks: ChatCallbacks): ChatController;
  /** The rules of the chat view and of the message rows (chat-styles.ts), for a `<style>`. */
  sheet: string;
  /** The optional new-message sound (sound.ts). */
  beep(): void;
  /** The chat view: messages and the message input. */
  view(panel: TomticketChatPanel, t: PanelText): TemplateResult;
  /** The header's status line (chat-status.ts). */
  status(panel: TomticketChatPanel, t: PanelText): string;
  /** "Encerrar conversa" in the header, and its question (end-confirm.ts). */
  endButton(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing;
  endConfirm(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing;
  /** A past chat's messages as rows (history-chunk.ts, through the kit). */
  toRows(messages: readonly WireMessage[], pending: readonly PendingMessage[], receipts: Receipts): Row[];
  renderRow(row: Row, t: PanelText, lang: Lang, onRetry: (() => void) | null): TemplateResult;
}

export interface Chunks {
  survey?: (args: SurveyArgs) => TemplateResult;
  emoji?: (args: EmojiArgs) => TemplateResult;
  offline?: OfflineChunk;
  history?: HistoryChunk;
  closed?: ClosedChunk;
  chat?: ChatChunk;
  /**
   * Modules of the panel's script that `/widget-chat.js` uses instead of bundling its own copy
   * (Lit above all), by import path (scripts/widget-shared.mjs, panel-shared.ts).
   */
  shared?: Record<string, unknown>;
  /** The rest of `<tomticket-chat>` after its launcher (core.ts, in `/widget-panel.js`). */
  core?: CoreFactory;
}

/** The chunks registered so far (shared by the panel script and the chunk scripts). */
export function chunks(): Chunks {
  const g = globalThis as unknown as { __tomticketChunks?: Chunks };
  return (g.__tomticketChunks ??= {});
}

const loading = new Map<string, Promise<void>>();

/** Loads `<server>/<file>` once (a failed load may be tried again later). */
export function loadScript(src: string): Promise<void> {
  let promise = loading.get(src);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      // In a task after the one that evaluated the script: what its loader does next (the
      // element's core, a chunk's first render) adds nothing to that task.
      tag.onload = () => setTimeout(resolve);
      tag.onerror = () => {
        loading.delete(src);
        tag.remove();
        reject(new Error(`${src} failed to load`));
      };
      document.head.append(tag);
    });
    loading.set(src, promise);
  }
  return promise;
}

/**
 * The chunk `name` if it is here; else starts loading it and calls `then` once it is (the
 * panel draws again). A chunk that cannot load leaves its part out.
 */
export function chunk<K extends keyof Chunks>(server: string, name: K, then: () => void): Chunks[K] {
  const found = chunks()[name];
  if (!found) loadScript(`${server}/widget-${name}.js`).then(then, () => undefined);
  return found;
}
