/**
 * A verified customer's previous conversations, drawn by the lazily loaded
 * `/widget-history.js` (history-chunk.ts), which the history controller loads together with the
 * list: nothing shows until both are here, and for customers who are not verified, never.
 */
import { nothing, type TemplateResult } from "lit";
import { chunks } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import { kit } from "./panel-kit";

/** The past chats except `current`; nothing when there is none. */
export function renderHistoryList(panel: TomticketChatPanel, t: PanelText, current?: string): TemplateResult | typeof nothing {
  return chunks().history?.list(kit, panel, t, current) ?? nothing;
}

/** One past chat: its messages, read-only. */
export function renderTranscriptView(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  return chunks().history?.transcript(kit, panel, t) ?? nothing;
}
