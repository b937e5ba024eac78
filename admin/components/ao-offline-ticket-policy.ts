/**
 * `<ao-offline-ticket-policy [department-id]>`: "Converter mensagens offline em chamados
 * automaticamente". Without `department-id`: the account's switch (Políticas, administrators),
 * saved at once. With it: the department's override (as the account / convert / do not
 * convert) in the department form, with its own Save. Reads the stored documents fresh before
 * saving and leaves every other field as stored.
 *
 * @fires ao-settings-saved - `detail: { account }` after the account's document was saved, so
 * the page holding a copy of it follows.
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { AccountSettings } from "../../worker/views";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { accountWithOfflineToTicket, departmentWithOfflineToTicket, offlineTicketChoice, type OfflineTicketChoice } from "../offline-ticket-policy";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";

const CHOICES: OfflineTicketChoice[] = ["", "on", "off"];

export class AoOfflineTicketPolicy extends AppElement {
  static override properties = {
    departmentId: { attribute: "department-id" },
    accountOn: { state: true },
    choice: { state: true },
    loaded: { state: true },
    busy: { state: true },
    saved: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      .saved {
        color: #137333;
      }
    `,
  ];

  declare departmentId: string;
  declare accountOn: boolean;
  declare choice: OfflineTicketChoice;
  declare loaded: boolean;
  declare busy: boolean;
  declare saved: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.departmentId = "";
    this.accountOn = false;
    this.choice = "";
    this.loaded = false;
    this.busy = false;
    this.saved = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.departmentId) void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("departmentId") && this.departmentId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const settings = await this.app.settings();
      this.accountOn = settings.account.policies?.offlineToTicket === true;
      this.choice = offlineTicketChoice(settings.departments[this.departmentId]);
      this.loaded = true;
    } catch (error) {
      this.error = errorKey(error);
    }
  }

  private async save(run: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.saved = false;
    this.error = null;
    try {
      await run();
      this.saved = true;
    } catch (error) {
      this.error = errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private toggleAccount(on: boolean): Promise<void> {
    return this.save(async () => {
      const settings = await this.app.settings();
      const doc = accountWithOfflineToTicket(settings.account, on);
      const answer = await this.app.saveAccountSettings(doc);
      this.accountOn = on;
      const account: AccountSettings = answer?.policies ? answer : doc;
      this.dispatchEvent(new CustomEvent("ao-settings-saved", { detail: { account }, bubbles: true, composed: true }));
    });
  }

  private saveDepartment(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    return this.save(async () => {
      const settings = await this.app.settings();
      await this.app.saveDepartmentSettings(this.departmentId, departmentWithOfflineToTicket(settings.departments[this.departmentId], this.choice));
    });
  }

  private status() {
    return html`<p class="form-message" role="status" aria-live="polite">
      ${this.saved ? html`<span class="saved">${t("customize.saved")}</span>` : nothing}
      ${this.error ? html`<span class="error">${t(this.error)}</span>` : nothing}
    </p>`;
  }

  private accountSwitch() {
    return html`<fieldset>
      <legend>${t("nav.tickets")}</legend>
      <div class="check">
        <input
          id="offline-to-ticket"
          type="checkbox"
          data-testid="policies-offline-to-ticket"
          aria-describedby="offline-to-ticket-hint"
          .checked=${this.accountOn}
          ?disabled=${this.busy || !this.loaded}
          @change=${(e: Event) => this.toggleAccount((e.target as HTMLInputElement).checked)}
        />
        <div>
          <label for="offline-to-ticket">${t("policies.offlineToTicket")}</label>
          <p id="offline-to-ticket-hint" class="hint">${t("policies.offlineToTicketHint")}</p>
        </div>
      </div>
      ${this.status()}
    </fieldset>`;
  }

  private departmentForm() {
    const label = (c: OfflineTicketChoice) =>
      c === "" ? `${t("policies.offlineToTicket.inherit")} (${t(this.accountOn ? "policies.offlineToTicket.on" : "policies.offlineToTicket.off")})` : t(`policies.offlineToTicket.${c}`);
    return html`<form novalidate @submit=${this.saveDepartment}>
      <fieldset>
        <legend>${t("nav.tickets")}</legend>
        <div class="field">
          <label for="dept-offline-to-ticket">${t("policies.offlineToTicket")}</label>
          <select
            id="dept-offline-to-ticket"
            data-testid="department-offline-to-ticket"
            aria-describedby="dept-offline-to-ticket-hint"
            ?disabled=${!this.loaded}
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.choice = CHOICES.find((c) => c === value) ?? "";
              this.saved = false;
            }}
          >
            ${CHOICES.map((c) => html`<option value=${c} .selected=${c === this.choice}>${label(c)}</option>`)}
          </select>
          <p id="dept-offline-to-ticket-hint" class="hint">${t("policies.offlineToTicketHint")}</p>
        </div>
        <div class="actions">
          <button type="submit" data-testid="department-offline-to-ticket-save" ?disabled=${this.busy || !this.loaded}>
            ${this.busy ? t("people.saving") : t("people.save")}
          </button>
          ${this.status()}
        </div>
      </fieldset>
    </form>`;
  }

  override render() {
    return this.departmentId ? this.departmentForm() : this.accountSwitch();
  }
}
define("ao-offline-ticket-policy", AoOfflineTicketPolicy);

declare global {
  interface HTMLElementEventMap {
    "ao-settings-saved": CustomEvent<{ account: AccountSettings }>;
  }
}
