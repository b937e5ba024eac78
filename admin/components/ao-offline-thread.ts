/**
 * `<ao-offline-thread message-id>`: one offline message and its e-mail thread
 * (GET /api/offline-messages/:id): the customer's first words, then each entry oldest first; an
 * attendant's answer shows its delivery ("enviado", "na fila", "falhou" with the reason and what
 * to do). Below, the answer box (POST …/replies), hidden once the message became a ticket.
 * Everything the customer wrote goes through Lit text bindings, never markup.
 *
 * Events: `ao-offline-back` (bubbles, composed) when the attendant goes back to the list.
 */
import { css, html, type PropertyValues } from "lit";
import type { OfflineMessageThreadResponse, OfflineThreadEntry } from "../../worker/views-offline";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { answerErrorKey, deliveryKey } from "../offline-thread";
import { AppElement, define } from "./app-element";
import { offlineBadge, offlineBadgeStyles } from "./offline-badge";

export class AoOfflineThread extends AppElement {
  static override properties = {
    messageId: { attribute: "message-id" },
    detail: { state: true },
    error: { state: true },
    sending: { state: true },
    notice: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    offlineBadgeStyles,
    css`
      :host {
        display: block;
      }
      h1 {
        font-size: 1.3rem;
        margin: 0.6rem 0 0.3rem;
        overflow-wrap: anywhere;
      }
      .meta {
        color: var(--ao-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 1rem 0;
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
      }
      li {
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
        max-width: 40rem;
      }
      li.attendant {
        align-self: flex-end;
        border-color: var(--ao-accent);
      }
      .who {
        font-weight: 600;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.6rem;
        align-items: baseline;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0.3rem 0 0;
      }
      .state {
        font-weight: 400;
        font-size: 0.85rem;
        color: var(--ao-muted);
      }
      .state.failed,
      .error,
      .hint {
        color: var(--ao-danger);
      }
      .hint {
        font-size: 0.85rem;
        margin: 0.3rem 0 0;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 0.4rem;
        max-width: 40rem;
      }
      textarea {
        min-height: 7rem;
        font: inherit;
      }
      form button {
        align-self: flex-start;
      }
    `,
  ];

  declare messageId: string;
  declare detail: OfflineMessageThreadResponse | null;
  declare error: MessageKey | null;
  declare sending: boolean;
  declare notice: { key: MessageKey; params?: Record<string, string>; failed: boolean } | null;

  constructor() {
    super();
    this.messageId = "";
    this.detail = null;
    this.error = null;
    this.sending = false;
    this.notice = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("messageId") && this.messageId) void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.detail = await this.app.offlineThread(this.messageId);
    } catch (error) {
      this.error = errorKey(error);
    }
  }

  private async answer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) {
      this.notice = { key: "offline.answer.empty", failed: true };
      return;
    }
    this.sending = true;
    this.notice = null;
    try {
      await this.app.answerOffline(this.messageId, body);
      form.reset();
      this.notice = { key: "offline.answer.sent", params: { email: this.detail?.offlineMessage.email ?? "" }, failed: false };
      await this.load();
    } catch (error) {
      this.notice = { key: answerErrorKey(error), failed: true };
    }
    this.sending = false;
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent("ao-offline-back", { bubbles: true, composed: true }));
  }

  private entry(e: OfflineThreadEntry) {
    const d = e.delivery;
    return html`<li class=${e.authorType} data-testid="offline-entry" data-author=${e.authorType}>
      <span class="who"
        >${e.authorName}
        <time class="state" datetime=${new Date(e.createdAt).toISOString()}>${formatDateTime(e.createdAt)}</time>
        ${d ? html`<span class="state ${d.state}" data-testid="offline-delivery" data-state=${d.state}>${t(deliveryKey(d))}</span>` : ""}</span
      >
      <p class="body" data-testid="offline-entry-body">${e.body}</p>
      ${d?.state === "failed" ? html`<p class="hint">${t("offline.delivery.failedHint", { error: d.error ?? "—" })}</p>` : ""}
    </li>`;
  }

  private answerBox(email: string) {
    return html`<form @submit=${this.answer} aria-busy=${this.sending ? "true" : "false"}>
      <label for="answer">${t("offline.answer.label", { email })}</label>
      <textarea id="answer" name="body" maxlength="10000" data-testid="offline-answer" ?disabled=${this.sending}></textarea>
      <button type="submit" data-testid="offline-answer-send" ?disabled=${this.sending}>
        ${this.sending ? t("offline.answer.sending") : t("offline.answer.submit")}
      </button>
    </form>`;
  }

  override render() {
    const m = this.detail?.offlineMessage;
    return html`<button type="button" @click=${this.back} data-testid="offline-back">${t("offline.back")}</button>
      ${this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : ""}
      ${m
        ? html`<h1>${t("offline.thread.heading", { name: m.name })}</h1>
            <p class="meta">
              ${m.email} · ${m.departmentName ?? t("offline.noDepartment")} ·
              ${offlineBadge(m.status)}
            </p>
            <ol aria-label=${t("offline.thread.label")}>
              <li class="customer" data-testid="offline-entry" data-author="customer">
                <span class="who">${m.name} <time class="state" datetime=${new Date(m.createdAt).toISOString()}>${formatDateTime(m.createdAt)}</time></span>
                <p class="body">${m.message}</p>
              </li>
              ${this.detail!.entries.map((e) => this.entry(e))}
            </ol>
            ${this.detail!.entries.length === 0 ? html`<p class="meta">${t("offline.thread.empty")}</p>` : ""}
            ${m.status === "ticket" ? html`<p class="meta">${t("offline.ticketNote")}</p>` : this.answerBox(m.email)}`
        : ""}
      <p role="status" aria-live="polite" class=${this.notice?.failed ? "error" : "meta"} data-testid="offline-notice">
        ${this.notice ? t(this.notice.key, this.notice.params) : ""}
      </p>`;
  }
}
define("ao-offline-thread", AoOfflineThread);
