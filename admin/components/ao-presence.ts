/**
 * `<ao-presence>`: each department of the attendant, whether it takes chats now, and who of
 * its attendants is online (from `session.ready` and `presence.changed`).
 */
import { css, html } from "lit";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";

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
      .state {
        font-size: 0.75rem;
        color: var(--ao-muted);
      }
    `,
  ];

  override render() {
    const store = this.app.store;
    return html`<section aria-labelledby="presence-heading">
      <h2 id="presence-heading">${t("presence.heading")}</h2>
      ${[...store.departments.values()].map(
        (d) => html`<h3>
            <span class="dot ${d.online ? "online" : ""}" aria-hidden="true"></span>
            ${d.name}
            <span class="state">${d.online ? t("presence.departmentOnline") : t("presence.departmentOffline")}</span>
          </h3>
          <ul data-testid="presence" data-department-id=${d.id}>
            ${d.attendants.map(
              (a) => html`<li data-attendant-id=${a.id} data-status=${a.status}>
                <span class="dot ${a.status === "online" ? "online" : ""}" aria-hidden="true"></span>
                <span>${a.name}</span>
                <span class="state">${a.status === "online" ? t("status.online") : t("status.offline")}</span>
              </li>`,
            )}
          </ul>
          ${d.attendants.length === 0 ? html`<p class="muted">${t("presence.none")}</p>` : ""}`,
      )}
    </section>`;
  }
}
define("ao-presence", AoPresence);
