/**
 * `<ao-canned>`: Gestão › Respostas prontas. The canned responses the person may read, with
 * their shortcut, title, scope and the start of their text, and one response's form
 * (`#/gestao/canned/<id>`, or `/new`). Only what the server marks `canEdit` opens the form.
 */
import { css, html, nothing } from "lit";
import { peopleApi } from "../api-gestao-people";
import { cannedApi, type CannedResponsesResponse, type CannedResponseView } from "../api-canned";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-canned-form";

/** The route id of the "Nova resposta pronta" form. */
export const NEW_CANNED_ID = "new";

export class AoCanned extends AppElement {
  static override properties = {
    data: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .rows > li {
        grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
        align-items: start;
      }
      .shortcut {
        font-family: ui-monospace, monospace;
        font-weight: 600;
      }
      .summary {
        color: var(--ao-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      @media (max-width: 700px) {
        .rows > li {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare data: CannedResponsesResponse | null;
  declare departments: { id: string; name: string }[];
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.data = null;
    this.departments = [];
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [data, departments] = await Promise.all([this.app.call(() => cannedApi.list()), this.app.call(() => peopleApi.departments())]);
      this.data = data;
      this.departments = departments.departments.map((d) => ({ id: d.id, name: d.name }));
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  /** The form or list on screen at the last render: back on the list, it is read again. */
  private shown: string | null | undefined = undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const id = this.openId;
    if (id === this.shown) return;
    if (id === null && this.shown !== undefined && !this.loading) void this.load();
    this.shown = id;
  }

  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "canned" ? (route.id ?? null) : null;
  }

  private get canCreate(): boolean {
    return Boolean(this.data && (this.data.canCreate.account || this.data.canCreate.departmentIds.length > 0));
  }

  private scopeName(departmentId: string | null): string {
    if (departmentId === null) return t("canned.account");
    return this.departments.find((d) => d.id === departmentId)?.name ?? departmentId;
  }

  private saved(event: CustomEvent<{ cannedResponse: CannedResponseView; created: boolean }>): void {
    const { cannedResponse, created } = event.detail;
    if (this.data) this.data = { ...this.data, cannedResponses: [...this.data.cannedResponses.filter((r) => r.id !== cannedResponse.id), cannedResponse].sort((a, b) => a.shortcut.localeCompare(b.shortcut)) };
    if (created) this.app.navigate({ page: "gestao", section: "canned", id: cannedResponse.id });
  }

  private deleted(): void {
    this.app.store.notify("canned.deleted");
    this.app.navigate({ page: "gestao", section: "canned" });
  }

  private row(r: CannedResponseView) {
    const shortcut = r.canEdit
      ? html`<a class="shortcut" href="#/gestao/canned/${encodeURIComponent(r.id)}" data-testid="canned-open" aria-label=${t("canned.edit", { shortcut: r.shortcut })}>/${r.shortcut}</a>`
      : html`<span class="shortcut">/${r.shortcut}</span>`;
    return html`<li data-testid="canned-item" data-id=${r.id}>
      <span class="name">${shortcut} · ${r.title}<br /><span class="muted">${this.scopeName(r.departmentId)}</span></span>
      <span class="summary">${r.body}</span>
    </li>`;
  }

  private list() {
    const rows = this.data?.cannedResponses ?? null;
    return html`<div class="top">
        <h1>${t("canned.heading")}</h1>
        ${this.canCreate ? html`<a class="button" href="#/gestao/canned/${NEW_CANNED_ID}" data-testid="canned-new">${t("canned.new")}</a>` : nothing}
      </div>
      <p class="muted">${t("canned.intro")}</p>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: rows !== null, empty: rows?.length === 0 }, { loading: t("page.loading"), empty: t("canned.empty") })}
        ${rows && rows.length > 0 ? html`<ul class="rows" aria-label=${t("canned.heading")}>${rows.map((r) => this.row(r))}</ul>` : nothing}
      </div>`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/canned" data-testid="canned-back">${t("canned.back")}</a>`;
    const data = this.data;
    if (data === null) return html`${back}${listStatus({ error: this.error, loading: true, loaded: false, empty: false }, { loading: t("page.loading"), empty: "" })}`;
    const scopes = [
      ...(data.canCreate.account ? [{ id: null, name: t("canned.account") }] : []),
      ...this.departments.filter((d) => data.canCreate.departmentIds.includes(d.id)),
    ];
    const form = (r: CannedResponseView | null) =>
      html`${back}<ao-canned-form .app=${this.app} .cannedResponse=${r} .scopes=${scopes} @ao-canned-saved=${this.saved} @ao-canned-deleted=${this.deleted}></ao-canned-form>`;
    if (id === NEW_CANNED_ID) return this.canCreate ? form(null) : html`${back}<p class="muted">${t("canned.readOnly")}</p>`;
    const found = data.cannedResponses.find((r) => r.id === id);
    if (!found) return html`${back}<p class="error" role="alert">${t("people.error.notFound")}</p>`;
    return found.canEdit ? form(found) : html`${back}<p class="muted">${t("canned.readOnly")}</p>`;
  }
}
define("ao-canned", AoCanned);
