/**
 * One message as a list item, in the live chat and in a past chat's transcript. Its text goes
 * through `linkify` and Lit bindings only, never markup: people do type markup into chats.
 */
import { html, nothing, type TemplateResult } from "lit";
import { formatAt } from "./format-at";
import type { Lang, PanelText } from "./i18n";
import { linkify } from "./links";
import type { Row } from "./messages";
import { renderFile } from "./attach-loader";

/** One message. `onRetry` is offered for a refused message while the chat is open. */
export function renderRow(row: Row, t: PanelText, lang: Lang, onRetry: (() => void) | null): TemplateResult {
  const receipt = row.receipt;
  return html`<li
    part="message message-${row.author}"
    data-author=${row.author}
    data-seq=${row.seq ?? nothing}
    data-receipt=${receipt ?? nothing}
  >
    ${row.author === "attendant" ? html`<span part="author">${row.name}</span>` : nothing}
    ${row.file ? renderFile(row.file.chatId, row.file.attachment) : html`<p part="body">${linkify(row.body)}</p>`}
    ${row.author === "system"
      ? nothing
      : html`<span part="meta"
          ><time datetime=${new Date(row.createdAt).toISOString()}>${formatAt(row.createdAt, lang)}</time>${receipt
            ? ` · ${t[receipt]}`
            : ""}${receipt === "failed" && onRetry
            ? html`<button part="retry" type="button" @click=${onRetry}>${t.retry}</button>`
            : nothing}</span
        >`}
  </li>`;
}

