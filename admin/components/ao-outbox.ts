/**
 * `<ao-outbox>`: the account's outbox in Gestão › E-mail (GET /api/outbox). Every failed e-mail
 * first (they need someone), then the chosen page of all e-mails, newest first, or one status
 * only; each with recipient, subject, tries, the last error and, when failed, "Reenviar"
 * (POST /api/outbox/:id/resend). Resending says so in a live region and reloads the list.
 */
import { css, html, nothing } from "lit";
import type { OutboxEntryView, OutboxStatus } from "../../worker/views-email";
import { ApiError } from "../api";
import { emailApi } from "../api-email";
import { outboxOrder } from "../email-form";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { pageStyles } from "./page-styles";
import { tableStyles } from "./table-styles";

const STATUSES: readonly OutboxStatus[] = ["failed", "queued", "sending", "sent"];
/** Failed e-mails shown above the page: more than this many is a configuration problem, not a list to read. */
const FAILED_SHOWN = 100;

export class AoOutbox extends AppElement {
  static override properties = {
    status: { state: true },
    page: { state: true },
    emails: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    tableStyles,
    css`
      :host {
        padding: 0;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.6rem;
        margin-bottom: 0.6rem;
      }
      .badge {
        display: inline-block;
        padding: 0.05rem 0.45rem;
        border-radius: 999px;
        font-size: 0.8rem;
        white-space: nowrap;
        border: 1px solid #5f6368;
        background: #fff;
        color: #202124;
      }
      .badge.failed {
        color: #a50e0e;
        border-color: #a50e0e;
        font-weight: 600;
      }
      .badge.sent {
        color: #137333;
        border-color: #137333;
      }
      tr.failed td {
        background: #fce8e6;
      }
      [data-testid="outbox-resend"] {
        white-space: nowrap;
      }
      .notice {
        color: #137333;
      }
    `,
  ];

  declare status: OutboxStatus | "";
  declare page: number;
  declare emails: OutboxEntryView[] | null;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: MessageKey | null;
  declare notice: string;

  constructor() {
    super();
    this.status = "";
    this.page = 1;
    this.emails = null;
    this.hasMore = false;
    this.loading = false;
    this.error = null;
    this.notice = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the list; with no status chosen, the failed ones come first on every page. */
  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const status = this.status || undefined;
      const [failed, page] = await Promise.all([
        status ? null : this.app.call(() => emailApi.outbox("failed", 1, FAILED_SHOWN)),
        this.app.call(() => emailApi.outbox(status, this.page)),
      ]);
      this.emails = failed ? outboxOrder(failed.emails, page.emails) : page.emails;
      this.hasMore = page.hasMore;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private goTo(page: number): void {
    this.page = page;
    void this.load();
  }

  private async resend(email: OutboxEntryView): Promise<void> {
    this.notice = "";
    try {
      await this.app.call(() => emailApi.resend(email.id));
      this.notice = t("outbox.resent", { to: email.to });
    } catch (error) {
      this.notice = error instanceof ApiError && error.code === "not_failed" ? t("outbox.notFailed") : t(errorKey(error));
    }
    await this.load();
  }

  private row(email: OutboxEntryView) {
    const error = email.lastError ?? "—";
    const next = email.status === "queued" && email.nextAttemptAt && email.attempts > 0 ? t("outbox.nextAttempt", { time: formatDateTime(email.nextAttemptAt) }) : "";
    return html`<tr role="row" class=${email.status} data-testid="outbox-row" data-status=${email.status} data-id=${email.id}>
      <td role="cell" data-label=${t("outbox.filter")}><span class="badge ${email.status}">${t(`outbox.status.${email.status}`)}</span></td>
      <td role="cell" data-label=${t("outbox.to")}>${email.to}</td>
      <td role="cell" data-label=${t("outbox.subject")}>${email.subject}</td>
      <td role="cell" class="nowrap" data-label=${t("outbox.attempts")}>${t("outbox.attemptsOf", { n: email.attempts, max: email.maxAttempts })}</td>
      <td role="cell" data-label=${t("outbox.lastError")}><span>${error}${next ? html`<br /><span class="hint">${next}</span>` : nothing}</span></td>
      <td role="cell" class="nowrap" data-label=${t("outbox.created")}>
        <time datetime=${new Date(email.createdAt).toISOString()}>${formatDateTime(email.createdAt)}</time>
      </td>
      <td role="cell" data-label="">
        ${email.status === "failed"
          ? html`<button type="button" data-testid="outbox-resend" aria-label=${t("outbox.resendLabel", { to: email.to, subject: email.subject })} @click=${() => void this.resend(email)}>
              ${t("outbox.resend")}
            </button>`
          : html`<span></span>`}
      </td>
    </tr>`;
  }

  private table(emails: OutboxEntryView[]) {
    if (emails.length === 0) return nothing;
    const heads: MessageKey[] = ["outbox.filter", "outbox.to", "outbox.subject", "outbox.attempts", "outbox.lastError", "outbox.created"];
    return html`<table role="table" data-testid="outbox-table">
      <caption class="visually-hidden">${t("outbox.heading")}</caption>
      <thead role="rowgroup">
        <tr role="row">
          ${heads.map((key) => html`<th role="columnheader" scope="col">${t(key)}</th>`)}
          <th role="columnheader" scope="col"><span class="visually-hidden">${t("outbox.resend")}</span></th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${emails.map((e) => this.row(e))}
      </tbody>
    </table>`;
  }

  override render() {
    const emails = this.emails ?? [];
    return html`<section aria-labelledby="outbox-heading" data-testid="outbox">
      <h2 class="section" id="outbox-heading">${t("outbox.heading")}</h2>
      <p class="intro muted">${t("outbox.intro")}</p>
      <div class="filters">
        <div class="field">
          <label for="outbox-status">${t("outbox.filter")}</label>
          <select
            id="outbox-status"
            data-testid="outbox-status"
            @change=${(e: Event) => {
              this.status = STATUSES.find((s) => s === (e.target as HTMLSelectElement).value) ?? "";
              this.goTo(1);
            }}
          >
            <option value="" ?selected=${this.status === ""}>${t("outbox.all")}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t(`outbox.status.${s}`)}</option>`)}
          </select>
        </div>
        <button type="button" data-testid="outbox-refresh" ?disabled=${this.loading} @click=${() => void this.load()}>${t("outbox.refresh")}</button>
      </div>
      <p role="status" aria-live="polite" class="notice" data-testid="outbox-notice">${this.notice}</p>
      <div aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: this.emails !== null, empty: emails.length === 0 }, { loading: t("page.loading"), empty: t("outbox.empty") })}
        ${this.table(emails)}
      </div>
      ${this.emails
        ? pager({ page: this.page, hasMore: this.hasMore, loading: this.loading }, { page: t("history.page", { n: this.page }), prev: t("history.prev"), next: t("history.next") }, "outbox", (p) => this.goTo(p))
        : nothing}
    </section>`;
  }
}
define("ao-outbox", AoOutbox);
