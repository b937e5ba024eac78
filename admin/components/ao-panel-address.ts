/**
 * `<ao-panel-address>`: the Painel do Cliente's own address, `/p/<slug>/`, besides the one with
 * the public key (which changes when the key is regenerated). Lower-case letters, digits and
 * dashes; empty clears it. The server's refusal (taken, malformed) shows next to the field.
 */
import { css, html, nothing } from "lit";
import { gestaoAccountApi } from "../api-gestao-account";
import { ApiError } from "../api";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";

export class AoPanelAddress extends AppElement {
  static override properties = {
    slug: { state: true },
    saved: { state: true },
    busy: { state: true },
    error: { state: true },
    fieldError: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      .row {
        display: flex;
        align-items: center;
        gap: 0.3rem;
        flex-wrap: wrap;
      }
      input {
        max-width: 16rem;
      }
      .saved {
        color: #137333;
      }
      .address {
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin-top: 0.8rem;
        flex-wrap: wrap;
      }
    `,
  ];

  declare slug: string | null;
  declare saved: string | null;
  declare busy: boolean;
  declare error: MessageKey | null;
  declare fieldError: string | null;

  constructor() {
    super();
    this.slug = null;
    this.saved = null;
    this.busy = false;
    this.error = null;
    this.fieldError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { account } = await gestaoAccountApi.account();
      this.slug = account.panelSlug ?? "";
      this.saved = account.panelSlug;
    } catch (error) {
      this.error = errorKey(error);
    }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    this.fieldError = null;
    try {
      const value = (this.slug ?? "").trim().toLowerCase();
      const { account } = await gestaoAccountApi.updateAccount({ panelSlug: value === "" ? null : value });
      this.slug = account.panelSlug ?? "";
      this.saved = account.panelSlug;
    } catch (error) {
      this.error = errorKey(error);
      if (error instanceof ApiError && error.field === "panelSlug") this.fieldError = error.message;
      else if (error instanceof ApiError && error.code === "slug_taken") this.fieldError = t("surfaces.slugTaken");
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.slug === null) return this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : nothing;
    const url = this.saved ? `${location.origin}/p/${this.saved}/` : null;
    return html`<form novalidate @submit=${this.save}>
      <fieldset>
        <legend>${t("surfaces.panelAddress")}</legend>
        <div class="field">
          <label for="panel-slug">${t("surfaces.panelSlug")}</label>
          <div class="row">
            <span aria-hidden="true">${location.origin}/p/</span>
            <input
              id="panel-slug"
              data-testid="panel-slug"
              autocomplete="off"
              spellcheck="false"
              maxlength="30"
              aria-invalid=${this.fieldError ? "true" : "false"}
              aria-describedby="panel-slug-hint panel-slug-error"
              .value=${this.slug}
              @input=${(e: Event) => (this.slug = (e.target as HTMLInputElement).value)}
            />
            <span aria-hidden="true">/</span>
          </div>
          <p id="panel-slug-hint" class="hint">${t("surfaces.panelSlugHint")}</p>
          <p id="panel-slug-error" class="error">${this.fieldError ?? ""}</p>
        </div>
        <div class="actions">
          <button type="submit" data-testid="panel-slug-save" ?disabled=${this.busy}>${this.busy ? t("people.saving") : t("people.save")}</button>
          <p class="form-message" role="status" aria-live="polite">
            ${url ? html`<span class="saved address">${t("surfaces.panelAddressNow")} <a href=${url} target="_blank" rel="noopener">${url}</a></span>` : nothing}
            ${this.error && !this.fieldError ? html`<span class="error">${t(this.error)}</span>` : nothing}
          </p>
        </div>
      </fieldset>
    </form>`;
  }
}
define("ao-panel-address", AoPanelAddress);
