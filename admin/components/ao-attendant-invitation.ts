/**
 * `<ao-attendant-invitation>`: the invitation part of an attendant's form. Its state (pending
 * until a date, expired, none), a new link (the previous one stops working) and revoking (asks
 * first). A link is shown only right after it was made, with a copy button: the server keeps a
 * hash, so the console cannot show it again later.
 *
 * @fires ao-attendant-saved - `detail: AttendantSaved` after a new link or a revoke
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { AttendantView, InvitationLink } from "../../worker/views-gestao";
import { peopleApi } from "../api-gestao-people";
import { invitationStatus } from "../attendant-form";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import type { AttendantSaved } from "./ao-attendants";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";
import "./ao-copy-field";

export class AoAttendantInvitation extends AppElement {
  static override properties = {
    attendant: { attribute: false },
    link: { attribute: false },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        margin: 0;
        max-width: none;
      }
    `,
  ];

  declare attendant: AttendantView;
  declare link: InvitationLink | null;
  declare busy: boolean;
  declare error: MessageKey | null;
  declare done: MessageKey | null;

  constructor() {
    super();
    this.link = null;
    this.busy = false;
    this.error = null;
    this.done = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A new link: take the person (and their screen reader) straight to it.
    if (changed.has("link") && this.link) this.renderRoot.querySelector<HTMLElement>("#invitation-ready")?.focus();
  }

  private emit(detail: AttendantSaved): void {
    this.dispatchEvent(new CustomEvent("ao-attendant-saved", { detail, bubbles: true, composed: true }));
  }

  private async run(action: () => Promise<AttendantSaved>, done: MessageKey): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      this.emit(await this.app.call(action));
      this.done = done;
    } catch (error) {
      this.error = problemFor(error, []).key;
    } finally {
      this.busy = false;
    }
  }

  private resend(): Promise<void> {
    return this.run(() => peopleApi.resendInvitation(this.attendant.id), "att.invitationResent");
  }

  private async revoke(): Promise<void> {
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    const ok = await confirm?.ask({
      heading: t("att.revokeHeading", { name: this.attendant.name }),
      message: t("att.revokeMessage"),
      confirm: t("att.revoke"),
    });
    if (!ok) return;
    const attendant = this.attendant;
    await this.run(async () => {
      await peopleApi.revokeInvitation(attendant.id);
      return { attendant: { ...attendant, invitation: null } };
    }, "att.invitationRevoked");
  }

  private linkPanel(link: InvitationLink) {
    return html`<div class="panel" data-testid="invitation-panel">
      <h2 id="invitation-ready" tabindex="-1">${t("att.invitationReady")}</h2>
      <ao-copy-field
        .app=${this.app}
        label=${t("att.invitationLink")}
        .value=${link.url}
        rows="2"
        field-testid="invitation-link"
        copy-testid="invitation-copy"
      ></ao-copy-field>
      <p class="hint">${t("att.invitationLinkHelp", { date: formatDateTime(link.expiresAt) })}</p>
    </div>`;
  }

  private stateLine() {
    const a = this.attendant;
    const status = invitationStatus(a.invitation, Date.now());
    if (status === null) return html`<p class="hint" data-testid="invitation-state">${t("att.invitationNone")}</p>`;
    const date = formatDateTime(a.invitation?.expiresAt ?? 0);
    return html`<p data-testid="invitation-state">
      ${t(status === "pending" ? "att.invitationPendingUntil" : "att.invitationExpiredOn", { date })}
    </p>`;
  }

  override render() {
    const a = this.attendant;
    if (!a) return html``;
    const pending = a.invitation !== null;
    return html`${this.link ? this.linkPanel(this.link) : nothing}
      <fieldset>
        <legend>${t("att.invitation")}</legend>
        ${this.stateLine()}
        ${a.active
          ? html`<div class="actions">
              <button type="button" data-testid="attendant-resend" ?disabled=${this.busy} @click=${this.resend}>
                ${t(pending ? "att.resend" : "att.newInvitation")}
              </button>
              ${pending
                ? html`<button type="button" class="danger" data-testid="attendant-revoke" ?disabled=${this.busy} @click=${this.revoke}>
                    ${t("att.revoke")}
                  </button>`
                : nothing}
            </div>`
          : html`<p class="hint">${t("att.invitationInactive")}</p>`}
        <p class="form-message saved" role="status">${this.done ? t(this.done) : ""}</p>
        <p class="form-message error" role="alert" data-testid="invitation-error">${this.error ? t(this.error) : ""}</p>
      </fieldset>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-attendant-invitation", AoAttendantInvitation);
