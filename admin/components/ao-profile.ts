/**
 * `<ao-profile>`: "Meu perfil". The attendant's name and how the console tells them about a
 * new customer in the queue and a customer's new message in a chat not on screen (a sound; a
 * desktop notification while the tab is hidden; the tab title's count), then the password form.
 * The browser's permission is asked only by the "Permitir notificações" button; the header
 * shows the new name as soon as it is saved.
 */
import { css, html, nothing } from "lit";
import { beep } from "../../widget/sound";
import { peopleApi } from "../api-gestao-people";
import { ATTENDANT_NAME_MAX } from "../attendant-form";
import { t, type MessageKey } from "../i18n";
import { notificationPermission, prefOn } from "../new-chat-alert";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-profile-password";

const PERMISSION_HINTS: Record<NotificationPermission | "unsupported", MessageKey> = {
  granted: "profile.desktopGranted",
  denied: "profile.desktopDenied",
  default: "profile.desktopAsk",
  unsupported: "profile.desktopUnsupported",
};

export class AoProfile extends AppElement {
  static override properties = {
    draftName: { state: true },
    sound: { state: true },
    desktop: { state: true },
    messages: { state: true },
    titleCount: { state: true },
    permission: { state: true },
    nameError: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        max-width: 48rem;
      }
    `,
  ];

  declare draftName: string;
  declare sound: boolean;
  declare desktop: boolean;
  declare messages: boolean;
  declare titleCount: boolean;
  declare permission: NotificationPermission | "unsupported";
  declare nameError: MessageKey | null;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;

  constructor() {
    super();
    this.draftName = "";
    this.sound = true;
    this.desktop = true;
    this.messages = true;
    this.titleCount = true;
    this.permission = "default";
    this.nameError = null;
    this.formError = null;
    this.busy = false;
    this.saved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const me = this.app.store.me;
    this.draftName = me?.name ?? "";
    this.sound = prefOn(me?.notificationPrefs, "sound");
    this.desktop = prefOn(me?.notificationPrefs, "desktop");
    this.messages = prefOn(me?.notificationPrefs, "messages");
    this.titleCount = prefOn(me?.notificationPrefs, "titleCount");
    this.permission = notificationPermission();
  }

  /** Asked only on the button's click: never on load, and browsers want a user gesture anyway. */
  private async askPermission(): Promise<void> {
    if (this.permission !== "default") return;
    this.permission = await Notification.requestPermission();
  }

  /** A switch of the form (saved with it). */
  private switchOf(name: "sound" | "messages" | "titleCount", label: MessageKey) {
    return html`<label class="check">
      <input
        type="checkbox"
        role="switch"
        name=${name}
        data-testid=${`profile-${name}`}
        .checked=${this[name]}
        @change=${(e: Event) => {
          this[name] = (e.target as HTMLInputElement).checked;
          this.saved = false;
        }}
      />
      ${t(label)}
    </label>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const name = this.draftName.trim();
    this.nameError = name === "" || name.length > ATTENDANT_NAME_MAX ? "people.error.name" : null;
    this.formError = null;
    this.saved = false;
    if (this.nameError) return this.showErrors();
    this.busy = true;
    try {
      const session = await this.app.call(() => peopleApi.updateProfile({ name, notificationPrefs: { sound: this.sound, desktop: this.desktop, messages: this.messages, titleCount: this.titleCount } }));
      this.app.updateMe(session.attendant);
      this.draftName = session.attendant.name;
      this.saved = true;
    } catch (error) {
      const problem = problemFor(error, ["name"]);
      if (problem.field) this.nameError = problem.key;
      else this.formError = problem.key;
      void this.showErrors();
    } finally {
      this.busy = false;
    }
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private notifications() {
    return html`<fieldset>
      <legend>${t("profile.notifications")}</legend>
      <p class="hint">${t("profile.notificationsHint")}</p>
      <div class="field">
        ${this.switchOf("sound", "profile.sound")}
        <div class="actions">
          <button type="button" data-testid="profile-sound-test" @click=${() => beep()}>${t("profile.soundTest")}</button>
        </div>
      </div>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            role="switch"
            name="desktop"
            data-testid="profile-desktop"
            .checked=${this.desktop}
            aria-describedby="profile-desktop-hint"
            @change=${(e: Event) => {
              this.desktop = (e.target as HTMLInputElement).checked;
              this.saved = false;
            }}
          />
          ${t("profile.desktop")}
        </label>
        <p id="profile-desktop-hint" class="hint" aria-live="polite">${this.desktop ? t(PERMISSION_HINTS[this.permission]) : ""}</p>
        ${this.desktop && this.permission === "default"
          ? html`<div class="actions">
              <button type="button" data-testid="profile-desktop-allow" @click=${() => this.askPermission()}>${t("profile.desktopAllow")}</button>
            </div>`
          : nothing}
      </div>
      <div class="field">${this.switchOf("messages", "profile.messages")}</div>
      <div class="field">${this.switchOf("titleCount", "profile.titleCount")}</div>
    </fieldset>`;
  }

  override render() {
    const me = this.app.store.me;
    if (!me) return html``;
    return html`<h1>${t("profile.heading")}</h1>
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>${t("profile.details")}</legend>
          <div class="field">
            <label for="profile-name">${t("profile.name")}</label>
            <input
              id="profile-name"
              name="name"
              data-testid="profile-name"
              required
              maxlength=${ATTENDANT_NAME_MAX}
              autocomplete="name"
              .value=${this.draftName}
              aria-invalid=${invalid(this.nameError)}
              aria-describedby=${describedBy("profile-name", this.nameError)}
              @input=${(e: Event) => {
                this.draftName = (e.target as HTMLInputElement).value;
                this.saved = false;
              }}
            />
            ${fieldError("profile-name", this.nameError)}
          </div>
          <p class="hint">${t("profile.emailRole", { email: me.email, role: t(`role.${me.role}`) })}</p>
        </fieldset>
        ${this.notifications()}
        <div class="actions">
          <button type="submit" class="primary" data-testid="profile-save" ?disabled=${this.busy}>
            ${this.busy ? t("people.saving") : t("people.save")}
          </button>
          <p class="form-message saved" role="status" data-testid="profile-saved">${this.saved ? t("people.saved") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="profile-error">${this.formError ? t(this.formError) : nothing}</p>
      </form>
      <ao-profile-password .app=${this.app}></ao-profile-password>`;
  }
}
define("ao-profile", AoProfile);
