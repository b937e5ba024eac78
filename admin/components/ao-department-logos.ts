/**
 * `<ao-department-logos>`: the department's two logos for the pop-up chat page, one shown while
 * someone is online and one while nobody is. Picking a file uploads it at once (PNG, JPEG or
 * WebP up to 256 KB, checked here first and by the server's magic-byte check); each logo can be
 * removed. The preview is the stored image.
 *
 * @fires ao-logo-changed - `detail: DepartmentView`, the department with its new logos
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { DepartmentView } from "../../worker/views-gestao";
import { peopleApi, type LogoVariant } from "../api-gestao-people";
import { LOGO_MAX_BYTES, LOGO_TYPES, LOGO_VARIANTS, logoProblem } from "../department-form";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";

const KB = 1024;

export class AoDepartmentLogos extends AppElement {
  static override properties = {
    department: { attribute: false },
    busy: { state: true },
    errors: { state: true },
    done: { state: true },
    failed: { state: true },
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
      .logos {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 0 1rem;
      }
      .preview {
        display: grid;
        place-items: center;
        height: 6rem;
        border: 1px dashed var(--ao-border-strong);
        border-radius: var(--ao-radius);
        background: var(--ao-bg);
        margin-top: 0.6rem;
      }
      .preview img {
        max-width: 100%;
        max-height: 5.5rem;
        object-fit: contain;
      }
      input[type="file"] {
        max-width: 100%;
      }
    `,
  ];

  declare department: DepartmentView;
  declare busy: LogoVariant | null;
  declare errors: Partial<Record<LogoVariant, MessageKey>>;
  declare done: MessageKey | null;
  /** The last failure, announced (the field shows its own error too). */
  declare failed: string;

  constructor() {
    super();
    this.busy = null;
    this.errors = {};
    this.done = null;
    this.failed = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("department") && changed.get("department")?.id !== this.department?.id) {
      this.errors = {};
      this.done = null;
      this.failed = "";
    }
  }

  private fail(variant: LogoVariant, key: MessageKey): void {
    this.errors = { ...this.errors, [variant]: key };
    this.failed = t("dept.logoFailed", { logo: t(`dept.logo.${variant}`), message: t(key) });
  }

  private url(variant: LogoVariant): string | null {
    return variant === "online" ? this.department.logoOnlineUrl : this.department.logoOfflineUrl;
  }

  private async pick(variant: LogoVariant, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const problem = logoProblem(file);
    this.done = null;
    if (problem) {
      this.fail(variant, problem);
      input.value = "";
      return;
    }
    await this.run(variant, () => peopleApi.uploadLogo(this.department.id, variant, file), "dept.logoUploaded");
    // The same file can be picked again after a failure or a removal.
    input.value = "";
  }

  private async run(variant: LogoVariant, call: () => Promise<{ department: DepartmentView }>, done: MessageKey): Promise<void> {
    this.busy = variant;
    this.failed = "";
    try {
      const { department } = await this.app.call(call);
      this.errors = { ...this.errors, [variant]: undefined };
      this.done = done;
      this.dispatchEvent(new CustomEvent("ao-logo-changed", { detail: department, bubbles: true, composed: true }));
    } catch (error) {
      this.fail(variant, problemFor(error, []).key);
    } finally {
      this.busy = null;
    }
  }

  private logo(variant: LogoVariant) {
    const id = `logo-${variant}`;
    const url = this.url(variant);
    const error = this.errors[variant];
    const busy = this.busy === variant;
    return html`<div class="field" data-testid="department-logo-${variant}-box">
      <span class="label">${t(`dept.logo.${variant}`)}</span>
      <div class="preview">
        ${url
          ? html`<img src=${url} alt=${t(`dept.logoAlt.${variant}`)} data-testid="department-logo-${variant}-preview" />`
          : html`<span class="muted">${t("dept.noLogo")}</span>`}
      </div>
      <label for=${id}>${t(`dept.logoPick.${variant}`)}</label>
      <input
        id=${id}
        type="file"
        accept=${LOGO_TYPES.join(",")}
        data-testid="department-logo-${variant}"
        ?disabled=${this.busy !== null}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy(id, error, "logo-hint")}
        @change=${(e: Event) => this.pick(variant, e.target as HTMLInputElement)}
      />
      ${fieldError(id, error)}
      <div class="actions">
        ${url
          ? html`<button
              type="button"
              class="danger"
              data-testid="department-logo-${variant}-remove"
              ?disabled=${this.busy !== null}
              @click=${() => this.run(variant, () => peopleApi.deleteLogo(this.department.id, variant), "dept.logoRemoved")}
            >
              ${t(`dept.logoRemove.${variant}`)}
            </button>`
          : nothing}
        ${busy ? html`<span class="muted">${t("people.saving")}</span>` : nothing}
      </div>
    </div>`;
  }

  override render() {
    if (!this.department) return html``;
    return html`<fieldset>
      <legend>${t("dept.logos")}</legend>
      <p id="logo-hint" class="hint">${t("dept.logoHint", { kb: LOGO_MAX_BYTES / KB })}</p>
      <div class="logos">${LOGO_VARIANTS.map((v) => this.logo(v))}</div>
      <p class="saved" role="status" data-testid="department-logo-status">${this.done ? t(this.done) : ""}</p>
      <p class="visually-hidden" role="alert" data-testid="department-logo-error">${this.failed}</p>
    </fieldset>`;
  }
}
define("ao-department-logos", AoDepartmentLogos);

declare global {
  interface HTMLElementEventMap {
    "ao-logo-changed": CustomEvent<DepartmentView>;
  }
}
