/**
 * `<ao-presence>`: each department of the attendant, whether it takes chats now, and every
 * attendant who attends it with their status: online, busy (at their limit of chats) or
 * offline. The roster comes from the API (department-roster.ts) and the live frames
 * (`session.ready`, `presence.changed`) keep the statuses current in between.
 */
import { css, html } from "lit";
import type { DepartmentState } from "../store";
import { mergeRoster, RosterCache, rosterSignature, type RosterRow } from "../department-roster";
import { t } from "../i18n";
import { presenceKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

const STATUS_TEXT = { online: "status.online", offline: "status.offline", busy: "presence.busy" } as const;

export class AoPresence extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      h3 {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.9rem;
        margin: 0.3rem 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.9rem;
        padding: 0.1rem 0;
      }
      li[data-status="offline"] .name {
        color: var(--ao-muted);
      }
      .state {
        font-size: 0.75rem;
        color: var(--ao-muted);
      }
      .dot.busy {
        background: #b45309;
      }
    `,
  ];

  private readonly rosters = new RosterCache(() => this.requestUpdate());

  protected override storeKeys(): unknown[] {
    return presenceKeys(this.app.store);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const chats = [...this.app.store.chats.values()];
    for (const d of this.app.store.departments.values()) {
      const active = chats.filter((v) => v.chat.departmentId === d.id && v.chat.status === "active").length;
      this.rosters.want(d.id, rosterSignature(d.attendants, active, d.rosterChanges));
    }
  }

  /** The department's rows: the roster with live statuses, or the live list until the roster arrives. */
  private rows(d: DepartmentState): RosterRow[] {
    const roster = this.rosters.get(d.id);
    if (roster) return mergeRoster(roster, d.attendants);
    return d.attendants.map((a) => ({ id: a.id, name: a.name, role: "attendant", status: a.status, activeChats: 0, limit: null }));
  }

  override render() {
    const store = this.app.store;
    return html`<section aria-labelledby="presence-heading">
      <h2 id="presence-heading">${t("presence.heading")}</h2>
      ${[...store.departments.values()].map((d) => {
        const rows = this.rows(d);
        return html`<h3>
            <span class="dot ${d.online ? "online" : ""}" aria-hidden="true"></span>
            ${d.name}
            <span class="state">${d.online ? t("presence.departmentOnline") : t("presence.departmentOffline")}</span>
          </h3>
          <ul data-testid="presence" data-department-id=${d.id}>
            ${rows.map(
              (a) => html`<li data-attendant-id=${a.id} data-status=${a.status}>
                <span class="dot ${a.status === "offline" ? "" : a.status}" aria-hidden="true"></span>
                <span class="name">${a.name}</span>
                <span class="state" title=${a.limit !== null ? t("presence.load", { active: a.activeChats, limit: a.limit }) : ""}>${t(STATUS_TEXT[a.status])}</span>
              </li>`,
            )}
          </ul>
          ${rows.length === 0 ? html`<p class="muted">${t("presence.none")}</p>` : ""}`;
      })}
    </section>`;
  }
}
define("ao-presence", AoPresence);
