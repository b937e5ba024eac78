/**
 * `<ao-audit>`: Gestão › Auditoria (administrators; GET /api/audit). Who did what, when and
 * from where, newest first, a page at a time, filtered by action, by attendant (from
 * GET /api/attendants; the filter is left out when that list cannot be read) and by dates. Each
 * entry's detail is summarised in one readable line (`summarizeDetail`).
 */
import { css, html, nothing } from "lit";
import type { AttendantView, AuditAction, AuditEntryView, AuditResponse } from "../../worker/views-gestao";
import { gestaoAccountApi, type AuditQuery } from "../api-gestao-account";
import { AUDIT_ACTIONS, actionLabel, auditRange, summarizeDetail, targetLabel } from "../audit-format";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { tableStyles } from "./table-styles";

const SHORT_ID = 8;

export class AoAudit extends AppElement {
  static override properties = {
    result: { state: true },
    actors: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    tableStyles,
    css`
      :host {
        max-width: 72rem;
      }
      .intro {
        color: var(--ao-muted);
        margin-bottom: 0.8rem;
      }
      .detail {
        font-size: 0.9rem;
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 0.85rem;
      }
    `,
  ];

  declare result: AuditResponse | null;
  /** Attendants for the "Quem" filter; null when they could not be read (no filter then). */
  declare actors: AttendantView[] | null;
  declare loading: boolean;
  declare error: MessageKey | null;
  private query: AuditQuery = { page: 1 };
  /** The date inputs as typed (`YYYY-MM-DD`), so that they survive a re-render. */
  private dates = { from: "", to: "" };

  constructor() {
    super();
    this.result = null;
    this.actors = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.app.call(() => gestaoAccountApi.auditActors()).then(
      ({ attendants }) => (this.actors = [...attendants].sort((a, b) => a.name.localeCompare(b.name))),
      () => (this.actors = null),
    );
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const query = this.query;
      const result = await this.app.call(() => gestaoAccountApi.audit(query));
      if (query === this.query) this.result = result;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "");
    const action = AUDIT_ACTIONS.find((a) => a === text("action"));
    this.dates = { from: text("from"), to: text("to") };
    const range = auditRange(this.dates.from, this.dates.to);
    this.query = { page: 1, action, actor: text("actor") || undefined, ...range };
    void this.load();
  }

  private goTo(page: number): void {
    this.query = { ...this.query, page };
    void this.load();
  }

  private filters() {
    const query = this.query;
    return html`<form @submit=${this.filter} aria-label=${t("audit.filters")}>
      <label>
        ${t("audit.action")}
        <select name="action" data-testid="audit-action">
          <option value="">${t("audit.allActions")}</option>
          ${AUDIT_ACTIONS.map((a: AuditAction) => html`<option value=${a} ?selected=${a === query.action}>${actionLabel(a)}</option>`)}
        </select>
      </label>
      ${this.actors
        ? html`<label>
            ${t("audit.actor")}
            <select name="actor" data-testid="audit-actor">
              <option value="">${t("audit.allActors")}</option>
              ${this.actors.map((a) => html`<option value=${a.id} ?selected=${a.id === query.actor}>${a.name}</option>`)}
            </select>
          </label>`
        : nothing}
      <label>
        ${t("audit.from")}
        <input type="date" name="from" data-testid="audit-from" .value=${this.dates.from} />
      </label>
      <label>
        ${t("audit.to")}
        <input type="date" name="to" data-testid="audit-to" .value=${this.dates.to} />
      </label>
      <button type="submit" data-testid="audit-apply">${t("history.apply")}</button>
    </form>`;
  }

  private target(entry: AuditEntryView) {
    if (!entry.targetType && !entry.targetId) return "—";
    const id = entry.targetId ?? "";
    const short = html`<code title=${id}>${id.slice(0, SHORT_ID)}</code>`;
    const label = targetLabel(entry.targetType);
    // One element per cell: on phones the cell is a two-column grid (its label, its content).
    if (entry.targetType === "customer" && id) return html`<span>${label} <a href="#/gestao/customers/${encodeURIComponent(id)}">${short}</a></span>`;
    if (entry.targetType === "chat" && id) return html`<span>${label} <a href="#/history/${encodeURIComponent(id)}">${short}</a></span>`;
    return html`<span>${label} ${id ? short : nothing}</span>`;
  }

  private row(entry: AuditEntryView) {
    return html`<tr role="row" data-testid="audit-row" data-action=${entry.action}>
      <td role="cell" class="nowrap" data-label=${t("audit.when")}>
        <time datetime=${new Date(entry.createdAt).toISOString()}>${formatDateTime(entry.createdAt)}</time>
      </td>
      <td role="cell" data-label=${t("audit.who")}>${entry.actorName || t("audit.system")}</td>
      <td role="cell" data-label=${t("audit.action")}>${actionLabel(entry.action)}</td>
      <td role="cell" data-label=${t("audit.target")}>${this.target(entry)}</td>
      <td role="cell" class="detail" data-label=${t("audit.detail")}>${summarizeDetail(entry.detail) || "—"}</td>
      <td role="cell" class="nowrap" data-label=${t("audit.ip")}>${entry.ip ?? "—"}</td>
    </tr>`;
  }

  private table(entries: AuditEntryView[]) {
    if (entries.length === 0) return nothing;
    return html`<table role="table" data-testid="audit-table">
      <caption class="visually-hidden">${t("audit.caption", { n: this.query.page })}</caption>
      <thead role="rowgroup">
        <tr role="row">
          ${(["audit.when", "audit.who", "audit.action", "audit.target", "audit.detail", "audit.ip"] as const).map(
            (key) => html`<th role="columnheader" scope="col">${t(key)}</th>`,
          )}
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${entries.map((e) => this.row(e))}
      </tbody>
    </table>`;
  }

  override render() {
    const entries = this.result?.entries ?? [];
    return html`<h1>${t("gestao.audit")}</h1>
      <p class="intro">${t("audit.intro")}</p>
      ${this.filters()}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: entries.length === 0 },
          { loading: t("page.loading"), empty: t("audit.empty") },
        )}
        ${this.table(entries)}
      </div>
      ${this.result
        ? pager(
            { page: this.query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("history.page", { n: this.query.page }), prev: t("history.prev"), next: t("history.next") },
            "audit",
            (page) => this.goTo(page),
          )
        : ""}`;
  }
}
define("ao-audit", AoAudit);
