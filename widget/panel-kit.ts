/**
 * What the panel hands to its bigger lazily loaded chunks (offline-chunk.ts, history-chunk.ts,
 * closed-chunk.ts):
 * Lit's `html` and `nothing`, and the panel's own renderers and API calls. A chunk
 * that bundled these itself would carry a second Lit, and errors of a second `ApiRequestError`
 * class that the panel's `asCustomer` would not recognize.
 */
import { html, nothing } from "lit";
import { ApiRequestError, sendOfflineMessage, sendSurvey, sendTranscript } from "./api";
import { chunk, chunks } from "./chunks";
import { departmentSelect, field, formFields, identityFields, pageUrl } from "./form-fields";
import { renderHistoryList } from "./history-views";
import { errorText, type PanelText } from "./i18n";
import { asCustomer, knownCustomer } from "./identity";
import { formatAt } from "./format-at";
import type { Receipts, Row } from "./messages";
import type { PendingMessage } from "./chat-connection";
import type { Lang } from "./i18n";
import type { WireMessage } from "../durable-objects/protocol";
import type { TomticketChatPanel } from "./panel";
import { readToken, writeSurveyDone } from "./storage";

/** The kit (one object, built once). */
export const kit = {
  html,
  nothing: nothing as typeof nothing,
  ApiRequestError,
  sendOfflineMessage,
  sendSurvey,
  sendTranscript,
  readToken,
  writeSurveyDone,
  chunk,
  departmentSelect,
  field,
  formFields,
  identityFields,
  pageUrl,
  errorText,
  asCustomer,
  knownCustomer,
  formatAt,
  // The message rows ride in /widget-chat.js: the panel shows a past chat's transcript only
  // once it is here (panel-views.ts).
  renderRow: (row: Row, t: PanelText, lang: Lang, onRetry: (() => void) | null) => chunks().chat!.renderRow(row, t, lang, onRetry),
  toRows: (messages: readonly WireMessage[], pending: readonly PendingMessage[], receipts: Receipts) => chunks().chat!.toRows(messages, pending, receipts),
  // An arrow: history-views.ts imports this module too.
  historyList: (panel: TomticketChatPanel, t: PanelText) => renderHistoryList(panel, t),
};

export type PanelKit = typeof kit;
