/**
 * What the panel hands to its bigger lazily loaded chunks (offline-chunk.ts, history-chunk.ts,
 * closed-chunk.ts):
 * Lit's `html` and `nothing`, and the panel's own renderers and API calls. A chunk
 * that bundled these itself would carry a second Lit, and errors of a second `ApiRequestError`
 * class that the panel's `asCustomer` would not recognize.
 */
import { html, nothing } from "lit";
import { ApiRequestError, sendOfflineMessage, sendSurvey, sendTranscript } from "./api";
import { chunk } from "./chunks";
import { departmentSelect, field, formFields, identityFields, pageUrl } from "./form-fields";
import { renderHistoryList } from "./history-views";
import { errorText, type PanelText } from "./i18n";
import { asCustomer, knownCustomer } from "./identity";
import { formatAt, renderRow } from "./message-row";
import { toRows } from "./messages";
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
  renderRow,
  toRows,
  // An arrow: history-views.ts imports this module too.
  historyList: (panel: TomticketChatPanel, t: PanelText) => renderHistoryList(panel, t),
};

export type PanelKit = typeof kit;
