/**
 * `<ao-attendants>`: Gestão › Atendentes. The searchable, paged list (`#/gestao/attendants`:
 * name, e-mail, role, departments, online or offline, inactive, a pending or expired
 * invitation) and one attendant's form (`#/gestao/attendants/<id>`, or `/new` to invite
 * someone). After an invitation is made its link is shown once, on the attendant's form.
 * Administrators see everyone; a department manager the attendants of the departments they
 * manage (the server filters).
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { AttendantsResponse, AttendantView, DepartmentView, InvitationLink } from "../../worker/views-gestao";
import { peopleApi, type AttendantQuery } from "../api-gestao-people";
import { canEditAttendant, invitationLabel, invitationStatus } from "../attendant-form";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-attendant-form";

const NEW_ID = "new";

/** What the form reports after a save: the attendant, and the invitation link when one was made. */
export interface AttendantSaved {
  attendant: AttendantView;
  invitation?: InvitationLink;
}

export class AoAttendants extends AppElement {
  static override properties = {
    result: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
    current: { state: true },
    currentError: { state: true },
    invitation: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .presence {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        font-size: 0.85rem;
      }
    `,
  ];

  declare result: AttendantsResponse | null;
  declare departments: DepartmentView[];
  declare loading: boolean;
  declare error: MessageKey | null;
  /** The attendant open in the form (loaded by id: the list is paged). */
  declare current: AttendantView | null;
  declare currentError: MessageKey | null;
  /** The link of the invitation just made, shown once on that attendant's form. */
  declare invitation: { attendantId: string; link: InvitationLink } | null;
  private query: AttendantQuery = { page: 1 };
  private openedId: string | null = null;

  constructor() {
    super();
    this.result = null;
    this.departments = [];
    this.loading = false;
    this.error = null;
    this.current = null;
    this.currentError = null;
    this.invitation = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.app
      .call(() => peopleApi.departments())
      .then(({ departments }) => (this.departments = departments))
      .catch((error: unknown) => (this.error = errorKey(error)));
  }

  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "attendants" ? (route.id ?? null) : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.openId;
    if (id === this.openedId) return;
    this.openedId = id;
    this.currentError = null;
    if (id === null || id === NEW_ID) {
      this.current = null;
      if (id === null && this.invitation) this.invitation = null;
      return;
    }
    if (this.current?.id !== id) {
      this.current = this.result?.attendants.find((a) => a.id === id) ?? null;
      void this.open(id);
    }
  }

  /** Loads the attendant fresh (the list may be older, or not hold them on this page). */
  private async open(id: string): Promise<void> {
    try {
      const { attendant } = await this.app.call(() => peopleApi.attendant(id));
      if (this.openedId === id) this.current = attendant;
    } catch (error) {
      if (this.openedId === id) this.currentError = problemFor(error, []).key;
    }
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.result = await this.app.call(() => peopleApi.attendants(this.query));
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get("q") ?? "").trim();
    this.query = { page: 1, q: q || undefined };
    void this.load();
  }

  private goTo(page: number): void {
    this.query = { ...this.query, page };
    void this.load();
  }

  private saved(event: CustomEvent<AttendantSaved>): void {
    const { attendant, invitation } = event.detail;
    if (invitation) this.invitation = { attendantId: attendant.id, link: invitation };
    else if (attendant.invitation === null && this.invitation?.attendantId === attendant.id) this.invitation = null;
    this.current = attendant;
    const me = this.app.store.me;
    if (me && attendant.id === me.id) this.app.updateMe({ ...me, name: attendant.name, email: attendant.email });
    if (this.result) {
      const listed = this.result.attendants.some((a) => a.id === attendant.id);
      if (listed) this.result = { ...this.result, attendants: this.result.attendants.map((a) => (a.id === attendant.id ? attendant : a)) };
      else void this.load();
    }
    if (this.openId !== attendant.id) this.app.navigate({ page: "gestao", section: "attendants", id: attendant.id });
  }

  private departmentNames(ids: readonly string[]): string {
    const names = new Map(this.departments.map((d) => [d.id, d.name]));
    return ids
      .map((id) => names.get(id))
      .filter((name): name is string => Boolean(name))
      .join(", ");
  }

  private row(a: AttendantView, now: number) {
    const me = this.app.store.me;
    const invitation = invitationLabel(a.invitation, now);
    const online = a.chatStatus === "online";
    const departments = this.departmentNames(a.departmentIds);
    return html`<li data-testid="attendant-item" data-id=${a.id}>
      <span>
        <span class="name">
          ${me && canEditAttendant(me, a) ? html`<a href="#/gestao/attendants/${encodeURIComponent(a.id)}" data-testid="attendant-open">${a.name}</a>` : a.name}
        </span>
        <span class="line" data-testid="attendant-item-email">${a.email}</span>
      </span>
      <span class="line">${t(`role.${a.role}`)}${departments ? ` · ${departments}` : ""}</span>
      <span class="badges">
        <span class="presence" data-testid="attendant-presence">
          <span class="dot ${online ? "online" : ""}" aria-hidden="true"></span>${t(online ? "status.online" : "status.offline")}
        </span>
        ${a.active ? nothing : html`<span class="badge off" data-testid="attendant-inactive">${t("att.inactive")}</span>`}
        ${invitation
          ? html`<span class="badge ${invitationStatus(a.invitation, now) === "expired" ? "off" : "warn"}" data-testid="attendant-invitation">${t(invitation)}</span>`
          : nothing}
      </span>
    </li>`;
  }

  private list() {
    const items = this.result?.attendants ?? [];
    const now = Date.now();
    return html`<div class="top">
        <h1>${t("att.heading")}</h1>
        <a class="button" href="#/gestao/attendants/${NEW_ID}" data-testid="attendant-new">${t("att.new")}</a>
      </div>
      <form role="search" @submit=${this.search} aria-label=${t("att.searchLabel")}>
        <label>
          ${t("att.search")}
          <input type="search" name="q" data-testid="attendant-search" .value=${this.query.q ?? ""} placeholder=${t("att.searchPlaceholder")} />
        </label>
        <button type="submit" data-testid="attendant-search-submit">${t("att.searchSubmit")}</button>
      </form>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: items.length === 0 },
          { loading: t("page.loading"), empty: this.query.q ? t("att.noMatch") : t("att.empty") },
        )}
        <ul class="rows" aria-label=${t("att.heading")}>
          ${items.map((a) => this.row(a, now))}
        </ul>
      </div>
      ${this.result
        ? pager(
            { page: this.query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("history.page", { n: this.query.page }), prev: t("history.prev"), next: t("history.next") },
            "attendants",
            (page) => this.goTo(page),
          )
        : ""}`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/attendants" data-testid="attendant-back">${t("att.back")}</a>`;
    const form = (attendant: AttendantView | null) =>
      html`<ao-attendant-form
        .app=${this.app}
        .attendant=${attendant}
        .departments=${this.departments}
        .invitation=${attendant && this.invitation?.attendantId === attendant.id ? this.invitation.link : null}
        @ao-attendant-saved=${this.saved}
      ></ao-attendant-form>`;
    if (id === NEW_ID) return html`${back}${form(null)}`;
    if (this.currentError) return html`${back}<p class="error" role="alert">${t(this.currentError)}</p>`;
    if (!this.current) return html`${back}<p class="muted" role="status">${t("page.loading")}</p>`;
    return html`${back}${form(this.current)}`;
  }
}
define("ao-attendants", AoAttendants);

declare global {
  interface HTMLElementEventMap {
    "ao-attendant-saved": CustomEvent<AttendantSaved>;
  }
}
