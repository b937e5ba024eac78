/**
 * `<ao-surface-settings surface="customer-panel|knowledge-base|app">`: one of the sub-pages of
 * Configurações da Conta for a surface we host (Políticas de chamados › Clientes, Base de
 * Conhecimento, Aplicativo Meu Suporte): its public address and its chat switch with the
 * department ("Permitir escolher" or a fixed one). Administrators only, like the account page.
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { DepartmentView } from "../../worker/views-gestao";
import { peopleApi } from "../api-gestao-people";
import { surfacesApi, type Surface, type SurfaceChatSettings } from "../api-surfaces";
import { ApiError } from "../api";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";
import "./ao-copy-field";
import "./ao-panel-address";

/** Each surface's title, intro, switch label and public path (under the account's key). */
const SURFACE_PAGES: Record<Surface, { title: MessageKey; intro: MessageKey; toggle: MessageKey; hint: MessageKey; path: string }> = {
  "customer-panel": { title: "surfaces.customerPanel", intro: "surfaces.customerPanel.intro", toggle: "surfaces.footerChat", hint: "surfaces.footerChatHint", path: "p" },
  "knowledge-base": { title: "surfaces.knowledgeBase", intro: "surfaces.knowledgeBase.intro", toggle: "surfaces.footerChat", hint: "surfaces.footerChatHint", path: "kb" },
  app: { title: "surfaces.app", intro: "surfaces.app.intro", toggle: "surfaces.appChat", hint: "surfaces.appChatHint", path: "app" },
};

export function isSurface(value: string | undefined): value is Surface {
  return value !== undefined && value in SURFACE_PAGES;
}

export class AoSurfaceSettings extends AppElement {
  static override properties = {
    surface: {},
    value: { state: true },
    departments: { state: true },
    busy: { state: true },
    saved: { state: true },
    error: { state: true },
    fieldError: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
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
      select {
        max-width: 24rem;
      }
      .saved {
        color: #137333;
      }
    `,
  ];

  declare surface: Surface;
  declare value: SurfaceChatSettings | null;
  declare departments: DepartmentView[];
  declare busy: boolean;
  declare saved: boolean;
  declare error: MessageKey | null;
  declare fieldError: string | null;

  constructor() {
    super();
    this.surface = "customer-panel";
    this.value = null;
    this.departments = [];
    this.busy = false;
    this.saved = false;
    this.error = null;
    this.fieldError = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("surface")) void this.load();
  }

  private async load(): Promise<void> {
    this.value = null;
    this.error = null;
    this.saved = false;
    try {
      const [surfaces, departments] = await Promise.all([surfacesApi.list(), peopleApi.departments()]);
      this.value = surfaces.surfaces[this.surface];
      this.departments = departments.departments.filter((d) => d.active);
    } catch (error) {
      this.error = errorKey(error);
    }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.value) return;
    this.busy = true;
    this.saved = false;
    this.error = null;
    this.fieldError = null;
    try {
      this.value = (await surfacesApi.save(this.surface, this.value)).surfaces[this.surface];
      this.saved = true;
    } catch (error) {
      this.error = errorKey(error);
      if (error instanceof ApiError && error.field === "departmentId") this.fieldError = error.message;
    } finally {
      this.busy = false;
    }
  }

  private change(patch: Partial<SurfaceChatSettings>): void {
    if (!this.value) return;
    this.value = { ...this.value, ...patch };
    this.saved = false;
  }

  private address() {
    const key = this.app.store.account?.publicKey;
    if (!key) return nothing;
    const url = `${location.origin}/${SURFACE_PAGES[this.surface].path}/${encodeURIComponent(key)}/`;
    return html`<p class="address">
        <strong>${t("surfaces.publicAddress")}:</strong>
        <a href=${url} target="_blank" rel="noopener" data-testid="surface-address">${url}</a>
      </p>
      ${this.surface === "app"
        ? html`<ao-copy-field label=${t("surfaces.installUrl")} value=${url} field-testid="app-install-url" copy-testid="app-install-copy"></ao-copy-field>
            <p class="hint">${t("surfaces.installHint")}</p>`
        : nothing}`;
  }

  private chatForm(value: SurfaceChatSettings) {
    const page = SURFACE_PAGES[this.surface];
    return html`<form novalidate @submit=${this.save}>
      <fieldset>
        <legend>${t("surfaces.chatHeading")}</legend>
        <div class="check">
          <input
            id="surface-chat"
            type="checkbox"
            data-testid="surface-chat-enabled"
            aria-describedby="surface-chat-hint"
            .checked=${value.chatEnabled}
            @change=${(e: Event) => this.change({ chatEnabled: (e.target as HTMLInputElement).checked })}
          />
          <div>
            <label for="surface-chat">${t(page.toggle)}</label>
            <p id="surface-chat-hint" class="hint">${t(page.hint)}</p>
          </div>
        </div>
        <div class="field">
          <label for="surface-department">${t("surfaces.department")}</label>
          <select
            id="surface-department"
            data-testid="surface-chat-department"
            aria-invalid=${this.fieldError ? "true" : "false"}
            aria-describedby="surface-department-error"
            ?disabled=${!value.chatEnabled}
            @change=${(e: Event) => this.change({ departmentId: (e.target as HTMLSelectElement).value || null })}
          >
            <option value="" .selected=${value.departmentId === null}>${t("surfaces.letChoose")}</option>
            ${this.departments.map((d) => html`<option value=${d.id} .selected=${d.id === value.departmentId}>${d.name}</option>`)}
          </select>
          <p id="surface-department-error" class="error">${this.fieldError ?? ""}</p>
        </div>
        <div class="actions">
          <button type="submit" data-testid="surface-chat-save" ?disabled=${this.busy}>${this.busy ? t("people.saving") : t("people.save")}</button>
          <p class="form-message" role="status" aria-live="polite">
            ${this.saved ? html`<span class="saved">${t("customize.saved")}</span>` : nothing}
            ${this.error ? html`<span class="error">${t(this.error)}</span>` : nothing}
          </p>
        </div>
      </fieldset>
    </form>`;
  }

  override render() {
    const page = SURFACE_PAGES[this.surface];
    return html`<a href="#/gestao/account" data-testid="surface-back">${t("surfaces.back")}</a>
      <h1>${t(page.title)}</h1>
      <p class="intro">${t(page.intro)}</p>
      ${this.address()}
      ${this.surface === "customer-panel" ? html`<ao-panel-address .app=${this.app}></ao-panel-address>` : nothing}
      ${this.value ? this.chatForm(this.value) : this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : html`<p class="hint" role="status">…</p>`}`;
  }
}
define("ao-surface-settings", AoSurfaceSettings);
