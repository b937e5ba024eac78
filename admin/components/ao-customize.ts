/**
 * `<ao-customize>`: "Personalizar chat". Administrators edit the account's look (every
 * department) or one department's overrides, and the "Políticas de Atendimento Online";
 * department managers edit the overrides of their departments only. A live preview beside the
 * form follows every keystroke; Save validates like the server's schema first, then sends
 * PUT /api/settings or PUT /api/settings/departments/:id and shows the server's refusal as is.
 * Texts are per language: one language switch picks the texts edited and the preview's language.
 */
import { css, html, nothing } from "lit";
import { textsFor } from "../../widget/i18n";
import type { AccountSettings, DepartmentsResponse, SettingsResponse } from "../../worker/views";
import { ApiError } from "../api";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import {
  TEXT_KEYS,
  draftFromLook,
  effectiveLook,
  emptyLook,
  langWithError,
  lookFromDraft,
  normalizeLook,
  type Lang,
  type LookDraft,
  type TextKey,
  type WidgetLook,
} from "../look";
import { WIDGET_LANGS, type WidgetLang } from "../snippet";
import { AppElement, define } from "./app-element";
import type { AoLookForm, SaveStatus } from "./ao-look-form";
import { pageStyles } from "./page-styles";
import "./ao-look-form";
import "./ao-look-preview";
import type { PolicySwitch, QueueStatus } from "./ao-policies";
import { ERROR_KEYS, policiesField, type Policies } from "../policies-form";
import "./ao-policies";
import "./ao-offline-ticket-policy";

/** The scope "" is the account's own look. */
const ACCOUNT = "";

export class AoCustomize extends AppElement {
  static override properties = {
    settings: { state: true },
    departments: { state: true },
    scope: { state: true },
    draft: { state: true },
    previewLang: { state: true },
    showErrors: { state: true },
    busy: { state: true },
    policyBusy: { state: true },
    surveyWanted: { state: true },
    queueBusy: { state: true },
    queueStatus: { state: true },
    status: { state: true },
    loadError: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem 1.2rem;
        margin-bottom: 1rem;
      }
      .toolbar .field {
        margin: 0;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 1.5rem;
        align-items: start;
      }
      aside {
        position: sticky;
        top: 0;
        padding-top: 0.3rem;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        aside {
          position: static;
          order: -1;
        }
      }
    `,
  ];

  declare settings: SettingsResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare scope: string;
  declare draft: LookDraft | null;
  declare previewLang: WidgetLang;
  declare showErrors: boolean;
  declare busy: boolean;
  declare policyBusy: boolean;
  /** The checkbox's state while its save is on the way (then the stored one again). */
  declare surveyWanted: boolean;
  declare status: SaveStatus | null;
  declare queueBusy: boolean;
  /** The outcome of the last save of the policies' queue controls. */
  declare queueStatus: QueueStatus | null;
  declare loadError: MessageKey | null;

  constructor() {
    super();
    this.settings = null;
    this.departments = [];
    this.scope = ACCOUNT;
    this.draft = null;
    this.previewLang = "pt-BR";
    this.showErrors = false;
    this.busy = false;
    this.policyBusy = false;
    this.surveyWanted = false;
    this.status = null;
    this.queueBusy = false;
    this.queueStatus = null;
    this.loadError = null;
  }

  private get isAdmin(): boolean {
    return this.app.store.me?.role === "administrator";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.previewLang = WIDGET_LANGS.find((l) => l === this.app.store.locale) ?? "pt-BR";
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [settings, departments] = await Promise.all([this.app.settings(), this.app.departments()]);
      this.settings = settings;
      this.departments = departments;
      this.selectScope(this.isAdmin ? ACCOUNT : (departments[0]?.id ?? ACCOUNT));
    } catch (error) {
      this.loadError = errorKey(error);
    }
  }

  /** The account's language: texts of another language fall back to its texts. */
  private get base(): Lang {
    return this.settings?.lang ?? "pt-BR";
  }

  private storedLook(scope: string): WidgetLook {
    if (!this.settings) return emptyLook();
    return normalizeLook(scope === ACCOUNT ? this.settings.account.look : this.settings.departments[scope]?.look, this.base);
  }

  private selectScope(scope: string): void {
    this.scope = scope;
    this.draft = draftFromLook(this.storedLook(scope));
    this.showErrors = false;
    this.status = null;
  }

  private failure(error: unknown): SaveStatus {
    if (error instanceof ApiError && error.status === 400) return { kind: "error", key: "customize.rejected", params: { message: error.message } };
    const key = errorKey(error);
    return { kind: "error", key: key === "notice.notFound" ? "error.generic" : key };
  }

  private async save(): Promise<void> {
    const settings = this.settings;
    const draft = this.draft;
    if (!settings || !draft || this.busy) return;
    const { look, errors } = lookFromDraft(draft);
    if (Object.keys(errors).length > 0) {
      this.showErrors = true;
      this.status = null;
      // A refused text may be in another language than the one shown: show that language.
      const refused = langWithError(errors);
      if (refused && !Object.keys(errors).some((field) => !field.startsWith("texts.") || field.startsWith(`texts.${this.previewLang}.`)))
        this.previewLang = refused;
      await this.updateComplete;
      this.renderRoot.querySelector<AoLookForm>("ao-look-form")?.focusFirstInvalid();
      return;
    }
    const scope = this.scope;
    this.busy = true;
    this.status = null;
    try {
      let saved: WidgetLook;
      if (scope === ACCOUNT) {
        const doc: AccountSettings = { look, policies: settings.account.policies };
        const answer = await this.app.saveAccountSettings(doc);
        const stored = answer?.look ? answer : doc;
        this.settings = { ...settings, account: stored };
        saved = normalizeLook(stored.look, this.base);
      } else {
        // The department's other settings (its routing) stay as they are.
        const doc = { ...settings.departments[scope], look };
        const answer = await this.app.saveDepartmentSettings(scope, doc);
        const stored = answer?.look ? answer : doc;
        this.settings = { ...settings, departments: { ...settings.departments, [scope]: stored } };
        saved = normalizeLook(stored.look, this.base);
      }
      // What the server keeps (trimmed texts…), unless the person went on typing meanwhile.
      if (this.scope === scope && this.draft === draft) this.draft = draftFromLook(saved);
      this.showErrors = false;
      this.status = { kind: "saved" };
    } catch (error) {
      this.status = this.failure(error);
    }
    this.busy = false;
  }

  private async setPolicy(change: PolicySwitch): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    // The stored look, not the draft: unsaved edits stay unsaved.
    const doc: AccountSettings = { look: settings.account.look, policies: { ...settings.account.policies, ...change } };
    this.policyBusy = true;
    this.surveyWanted = doc.policies?.surveyEnabled ?? false;
    this.status = null;
    try {
      const answer = await this.app.saveAccountSettings(doc);
      const stored = answer?.policies ? answer : doc;
      this.settings = { ...(this.settings ?? settings), account: stored };
      this.status = { kind: "saved" };
    } catch (error) {
      this.status = this.failure(error);
    }
    this.policyBusy = false;
  }

  /** The queue controls of the policies (the form keeps the stored survey switch); the stored look stays. */
  private async savePolicies(policies: Policies): Promise<void> {
    const settings = this.settings;
    if (!settings || this.queueBusy) return;
    const doc: AccountSettings = { look: settings.account.look, policies };
    this.queueBusy = true;
    this.queueStatus = null;
    try {
      const answer = await this.app.saveAccountSettings(doc);
      const stored = answer?.policies ? answer : doc;
      this.settings = { ...(this.settings ?? settings), account: stored };
      this.queueStatus = { kind: "saved" };
    } catch (error) {
      const field = error instanceof ApiError && error.status === 400 ? policiesField(error.field) : null;
      const failure = this.failure(error);
      const key = failure.kind === "error" && failure.key !== "customize.rejected" ? failure.key : "error.generic";
      this.queueStatus = field ? { kind: "error", field, key: ERROR_KEYS[field] } : { kind: "error", field: null, key };
    }
    this.queueBusy = false;
  }

  private onInput(event: CustomEvent<LookDraft>): void {
    this.draft = event.detail;
    if (this.status?.kind === "saved") this.status = null;
  }

  private scopePicker() {
    const options = [
      ...(this.isAdmin ? [{ id: ACCOUNT, label: t("customize.scopeAccount") }] : []),
      ...this.departments.map((d) => ({ id: d.id, label: t("customize.scopeDepartment", { name: d.name }) })),
    ];
    return html`<div class="field">
      <label for="scope">${t("customize.scope")}</label>
      <select id="scope" name="scope" @change=${(e: Event) => this.selectScope((e.target as HTMLSelectElement).value)}>
        ${options.map((o) => html`<option value=${o.id} .selected=${o.id === this.scope}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const heading = html`<h1>${t("customize.heading")}</h1>
      <p class="intro muted">${t("customize.intro")}</p>`;
    if (this.loadError) return html`${heading}<p class="error" role="alert">${t(this.loadError)}</p>`;
    if (!this.settings || !this.draft) return html`${heading}<p class="muted" role="status">${t("page.loading")}</p>`;
    if (!this.isAdmin && this.departments.length === 0) return html`${heading}<p class="muted">${t("customize.noDepartments")}</p>`;
    const account = this.scope === ACCOUNT;
    const accountLook = this.storedLook(ACCOUNT);
    const { look, errors } = lookFromDraft(this.draft);
    const lang = this.previewLang;
    const base = this.base;
    const preview = account ? effectiveLook(look, undefined, lang, base) : effectiveLook(accountLook, look, lang, base);
    const inherited = account ? effectiveLook(emptyLook(), undefined, lang, base) : effectiveLook(accountLook, undefined, lang, base);
    // An empty field shows what it falls back to: the same look without this scope's texts in `lang`.
    const { [lang]: _own, ...otherLangs } = look.texts;
    const fallback = { ...look, texts: otherLangs };
    const fallbackTexts = account ? effectiveLook(fallback, undefined, lang, base) : effectiveLook(accountLook, fallback, lang, base);
    const builtIn = textsFor(lang, fallbackTexts.texts);
    const placeholders = Object.fromEntries(TEXT_KEYS.map((key) => [key, builtIn[key]])) as Record<TextKey, string>;
    return html`${heading}
      <div class="toolbar">${this.scopePicker()}</div>
      <div class="layout">
        <ao-look-form
          .app=${this.app}
          .draft=${this.draft}
          .inherited=${inherited}
          .placeholders=${placeholders}
          .errors=${this.showErrors ? errors : {}}
          .status=${this.status}
          ?account=${account}
          ?busy=${this.busy}
          .lang=${lang}
          .base=${base}
          @ao-text-lang=${(e: CustomEvent<Lang>) => (this.previewLang = e.detail)}
          @ao-look-input=${this.onInput}
          @ao-look-save=${this.save}
        ></ao-look-form>
        <aside>
          <ao-look-preview data-testid="look-preview" .app=${this.app} .look=${preview} preview-lang=${this.previewLang}></ao-look-preview>
        </aside>
      </div>
      ${this.isAdmin
        ? html`<ao-policies
            .app=${this.app}
            ?survey-enabled=${this.policyBusy ? this.surveyWanted : (this.settings.account.policies?.surveyEnabled ?? false)}
            ?busy=${this.policyBusy}
            .policies=${this.settings.account.policies ?? {}}
            ?queue-busy=${this.queueBusy}
            .queueStatus=${this.queueStatus}
            @ao-policy-change=${(e: CustomEvent<PolicySwitch>) => this.setPolicy(e.detail)}
            @ao-policies-save=${(e: CustomEvent<{ policies: Policies }>) => this.savePolicies(e.detail.policies)}
          ></ao-policies>
          <ao-offline-ticket-policy
            .app=${this.app}
            @ao-settings-saved=${(e: CustomEvent<{ account: AccountSettings }>) => (this.settings = this.settings && { ...this.settings, account: e.detail.account })}
          ></ao-offline-ticket-policy>`
        : nothing}`;
  }
}
define("ao-customize", AoCustomize);
