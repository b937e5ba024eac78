/**
 * The visitor details of the chat on screen, as rows of its header's `<dl>`: browser, system and
 * device (from the User-Agent its start recorded), the page's title, and the customer's earlier
 * chats with links to their transcripts. A Lit controller: read once per chat from
 * `GET /api/chats/:id/visitor`, and the host re-renders when the answer arrives. Everything
 * shown is text (a page title is the host site's).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { ChatVisitorResponse } from "../worker/views-console";
import { request } from "./api";
import { formatDateTime } from "./format";
import { t } from "./i18n";

/** The browser line: "Safari 17 · iOS 17 · celular". */
export function browserLine(v: ChatVisitorResponse): string {
  const parts = [v.browser ?? t("visitor.unknownBrowser"), v.os, v.device ? t(`device.${v.device}`) : null];
  return parts.filter(Boolean).join(" · ");
}

function previousRows(v: ChatVisitorResponse): TemplateResult {
  const { count, latest } = v.previousChats;
  const lead = count === 0 ? t("visitor.previousNone") : count === 1 ? t("visitor.previousOne") : t("visitor.previousCount", { count });
  return html`<dt>${t("visitor.previous")}</dt>
    <dd data-testid="visitor-previous" data-count=${count}>
      ${lead}
      ${latest.map(
        (p) => html` <a href=${`#/history/${encodeURIComponent(p.id)}`} aria-label=${t("visitor.previousLink", { number: p.number, date: formatDateTime(p.createdAt) })}
            >#${p.number}</a
          >`,
      )}
    </dd>`;
}

export class VisitorDetails implements ReactiveController {
  private chatId = "";
  private visitor: ChatVisitorResponse | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The rows for `chatId` (nothing until its details arrive; a failed read shows nothing). */
  rows(chatId: string): TemplateResult | typeof nothing {
    if (chatId !== this.chatId) this.load(chatId);
    const v = this.visitor;
    if (!v) return nothing;
    return html`${v.userAgent
        ? html`<dt>${t("visitor.browser")}</dt>
            <dd data-testid="visitor-browser" title=${v.userAgent}>${browserLine(v)}</dd>`
        : nothing}
      ${v.pageTitle
        ? html`<dt>${t("visitor.pageTitle")}</dt>
            <dd data-testid="visitor-page-title">${v.pageTitle}</dd>`
        : nothing}
      ${previousRows(v)}`;
  }

  private load(chatId: string): void {
    this.chatId = chatId;
    this.visitor = null;
    request<ChatVisitorResponse>("GET", `/api/chats/${encodeURIComponent(chatId)}/visitor`)
      .then((v) => {
        if (this.chatId !== chatId) return;
        this.visitor = v;
        this.host.requestUpdate();
      })
      // Details are a help, not the chat: on failure the header shows what it had.
      .catch(() => undefined);
  }
}
