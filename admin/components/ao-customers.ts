/**
 * `<ao-customers>`: Gestão › Clientes. A search by name or e-mail and the paged list, newest
 * first (GET /api/customers); with `customerId` (route `#/gestao/customers/<id>`) one customer's
 * page instead (`<ao-customer-detail>`). The search and page are kept while a customer is open,
 * and the list is read again on the way back (the customer may have been edited or forgotten).
 */
import { css, html, type PropertyValues } from "lit";
import type { CustomersResponse, CustomerView } from "../../worker/views-gestao";
import { gestaoAccountApi, type CustomerQuery } from "../api-gestao-account";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { tableStyles } from "./table-styles";
import "./ao-customer-detail";

export class AoCustomers extends AppElement {
  static override properties = {
    customerId: { attribute: false },
    result: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    tableStyles,
    css`
      .intro {
        color: var(--ao-muted);
        margin-bottom: 0.8rem;
      }
      form input[type="search"] {
        min-width: min(20rem, 100%);
      }
      form label {
        flex: 1 1 16rem;
      }
      .notice {
        padding: 0.5rem 0.7rem;
        border-radius: var(--ao-radius);
        background: var(--ao-hover);
        margin-bottom: 0.8rem;
      }
      .badge {
        white-space: nowrap;
      }
    `,
  ];

  /** The open customer's id, or null for the list. */
  declare customerId: string | null;
  declare result: CustomersResponse | null;
  declare loading: boolean;
  declare error: MessageKey | null;
  /** "Dados de … excluídos", after a customer was forgotten. */
  declare notice: string;
  private query: CustomerQuery = { page: 1 };

  constructor() {
    super();
    this.customerId = null;
    this.result = null;
    this.loading = false;
    this.error = null;
    this.notice = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // First render of the list, or back from a customer's page.
    if (!changed.has("customerId")) return;
    if (this.customerId) this.notice = "";
    else void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const query = this.query;
      const result = await this.app.call(() => gestaoAccountApi.customers(query));
      if (query === this.query) this.result = result;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get("q") ?? "").trim();
    this.query = { page: 1, q: q || undefined };
    this.notice = "";
    void this.load();
  }

  private goTo(page: number): void {
    this.query = { ...this.query, page };
    void this.load();
  }

  private deleted(event: CustomEvent<{ name: string }>): void {
    this.notice = t("customers.deletedNotice", { name: event.detail.name });
    this.app.navigate({ page: "gestao", section: "customers" });
  }

  private row(c: CustomerView) {
    const href = `#/gestao/customers/${encodeURIComponent(c.id)}`;
    return html`<tr role="row" data-testid="customer-row" data-id=${c.id}>
      <td role="cell" data-label=${t("customers.name")}>
        <a href=${href} data-testid="customer-open">${c.name || t("customers.noName")}</a>
      </td>
      <td role="cell" data-label=${t("customers.email")}>${c.email || "—"}</td>
      <td role="cell" data-label=${t("customers.verified")}>
        ${c.deletedAt !== null
          ? html`<span class="badge neutral" data-testid="customer-deleted-badge">${t("customers.deletedBadge")}</span>`
          : c.verified
            ? html`<span class="badge" data-testid="customer-verified">${t("customers.verifiedBadge")}</span>`
            : html`<span class="muted">${t("customers.notVerified")}</span>`}
      </td>
      <td role="cell" class="nowrap" data-label=${t("customers.created")}>
        <time datetime=${new Date(c.createdAt).toISOString()}>${formatDateTime(c.createdAt)}</time>
      </td>
    </tr>`;
  }

  private table(customers: CustomerView[]) {
    if (customers.length === 0) return "";
    return html`<table role="table" data-testid="customer-list">
      <caption class="visually-hidden">${t("customers.caption", { n: this.query.page })}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">${t("customers.name")}</th>
          <th role="columnheader" scope="col">${t("customers.email")}</th>
          <th role="columnheader" scope="col">${t("customers.verified")}</th>
          <th role="columnheader" scope="col">${t("customers.created")}</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${customers.map((c) => this.row(c))}
      </tbody>
    </table>`;
  }

  override render() {
    if (this.customerId) {
      return html`<ao-customer-detail .app=${this.app} .customerId=${this.customerId} @ao-customer-deleted=${this.deleted}></ao-customer-detail>`;
    }
    const customers = this.result?.customers ?? [];
    return html`<h1>${t("customers.heading")}</h1>
      <p class="intro">${t("customers.intro")}</p>
      ${this.notice ? html`<p class="notice" role="status" data-testid="customer-deleted-notice">${this.notice}</p>` : ""}
      <form role="search" @submit=${this.search} aria-label=${t("customers.searchLabel")}>
        <label>
          ${t("customers.search")}
          <input type="search" name="q" data-testid="customer-search" .value=${this.query.q ?? ""} placeholder=${t("customers.searchPlaceholder")} />
        </label>
        <button type="submit" data-testid="customer-search-submit">${t("customers.searchButton")}</button>
      </form>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: customers.length === 0 },
          { loading: t("page.loading"), empty: this.query.q ? t("customers.noMatch") : t("customers.empty") },
        )}
        ${this.table(customers)}
      </div>
      ${this.result
        ? pager(
            { page: this.query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("history.page", { n: this.query.page }), prev: t("history.prev"), next: t("history.next") },
            "customers",
            (page) => this.goTo(page),
          )
        : ""}`;
  }
}
define("ao-customers", AoCustomers);

declare global {
  interface HTMLElementEventMap {
    "ao-customer-deleted": CustomEvent<{ name: string }>;
  }
}
