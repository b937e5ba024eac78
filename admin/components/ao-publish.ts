/**
 * `<ao-publish>`: "Integrar e Publicar". Builds the footer snippet and the "URL de acesso para
 * o atendimento online" from a few options (department or "Permitir escolher", position,
 * auto-open, hide when offline, language), each with a copy button, and shows the snippet at
 * work in a sandboxed iframe (scripts only: an opaque origin that can neither reach the console
 * nor lift its own sandbox) that is rebuilt whenever an option changes. Below, how to identify
 * signed-in customers (`<ao-identity>`).
 */
import { css, html, nothing } from "lit";
import type { DepartmentsResponse } from "../../worker/views";
import { t } from "../i18n";
import { DEFAULT_EMBED, WIDGET_LANGS, nodeIdentityExample, popupUrl, previewDocument, widgetSnippet, type EmbedOptions } from "../snippet";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";
import "./ao-copy-field";
import "./ao-identity";

type Choices = Omit<EmbedOptions, "origin" | "account" | "identity">;

export class AoPublish extends AppElement {
  static override properties = {
    departments: { state: true },
    choices: { state: true },
    secret: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 1.5rem;
        align-items: start;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .outputs {
        display: grid;
        gap: 1rem;
      }
      .preview {
        position: sticky;
        top: 0.5rem;
      }
      iframe {
        display: block;
        width: 100%;
        /* The frame's launcher sits at its bottom: the whole frame stays in view on a desktop. */
        height: clamp(22rem, calc(100vh - 19rem), 640px);
        border: 1px solid var(--ao-border-strong);
        border-radius: var(--ao-radius);
        background: #fff;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .row > .field {
        flex: 1 1 12rem;
      }
    `,
  ];

  declare departments: DepartmentsResponse["departments"];
  declare choices: Choices;
  declare secret: string | undefined;

  constructor() {
    super();
    this.departments = [];
    this.choices = { ...DEFAULT_EMBED };
    this.secret = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.app.departments().then((departments) => (this.departments = departments.filter((d) => d.active)));
    if (this.app.store.me?.role === "administrator") {
      this.app.settings().then(
        (settings) => (this.secret = settings.identitySecret),
        () => (this.secret = undefined),
      );
    }
  }

  private set<K extends keyof Choices>(key: K, value: Choices[K]): void {
    this.choices = { ...this.choices, [key]: value };
  }

  private options() {
    const c = this.choices;
    return html`<fieldset>
      <legend>${t("publish.options")}</legend>
      <div class="row">
        <div class="field">
          <label for="department">${t("publish.department")}</label>
          <select id="department" name="department" @change=${(e: Event) => this.set("department", (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${c.department === ""}>${t("publish.chooseDepartment")}</option>
            ${this.departments.map((d) => html`<option value=${d.id} .selected=${d.id === c.department}>${d.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="position">${t("publish.position")}</label>
          <select
            id="position"
            name="position"
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.set("position", value === "left" || value === "right" ? value : "");
            }}
          >
            <option value="" .selected=${c.position === ""}>${t("publish.positionDefault")}</option>
            <option value="right" .selected=${c.position === "right"}>${t("position.right")}</option>
            <option value="left" .selected=${c.position === "left"}>${t("position.left")}</option>
          </select>
        </div>
        <div class="field">
          <label for="lang">${t("publish.lang")}</label>
          <select
            id="lang"
            name="lang"
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.set("lang", WIDGET_LANGS.find((l) => l === value) ?? "");
            }}
          >
            <option value="" .selected=${c.lang === ""}>${t("publish.langAuto")}</option>
            ${WIDGET_LANGS.map((l) => html`<option value=${l} lang=${l} .selected=${c.lang === l}>${t(`lang.${l}`)}</option>`)}
          </select>
        </div>
      </div>
      <div class="check">
        <input
          id="auto-open"
          type="checkbox"
          name="autoOpen"
          .checked=${c.autoOpen}
          @change=${(e: Event) => this.set("autoOpen", (e.target as HTMLInputElement).checked)}
        />
        <label for="auto-open">${t("publish.autoOpen")}</label>
      </div>
      <div class="check">
        <input
          id="hide-when-offline"
          type="checkbox"
          name="hideWhenOffline"
          .checked=${c.hideWhenOffline}
          @change=${(e: Event) => this.set("hideWhenOffline", (e.target as HTMLInputElement).checked)}
        />
        <label for="hide-when-offline">${t("publish.hideWhenOffline")}</label>
      </div>
    </fieldset>`;
  }

  override render() {
    const account = this.app.store.account;
    if (!account) return nothing;
    const embed = { ...this.choices, origin: location.origin, account: account.publicKey };
    const snippet = widgetSnippet(embed);
    const url = popupUrl(embed);
    const doc = previewDocument(snippet, this.app.store.locale, t("publish.previewNote"));
    return html`<h1>${t("publish.heading")}</h1>
      <p class="intro muted">${t("publish.intro")}</p>
      <div class="layout">
        <div class="outputs">
          ${this.options()}
          <ao-copy-field
            .app=${this.app}
            label=${t("publish.snippet")}
            .value=${snippet}
            rows="4"
            field-testid="snippet"
            copy-testid="copy-snippet"
          ></ao-copy-field>
          <ao-copy-field
            .app=${this.app}
            label=${t("publish.popupUrl")}
            .value=${url}
            rows="2"
            field-testid="popup-url"
            copy-testid="copy-popup-url"
          >
            <a href=${url} target="_blank" rel="noopener" data-testid="open-popup-url">${t("publish.open")}</a>
          </ao-copy-field>
          <p class="hint">${t("publish.popupHint")}</p>
        </div>
        <section class="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading" class="section">${t("publish.preview")}</h2>
          <iframe
            data-testid="publish-preview"
            title=${t("publish.previewFrame")}
            sandbox="allow-scripts allow-popups allow-forms"
            .srcdoc=${doc}
          ></iframe>
        </section>
      </div>
      <ao-identity .app=${this.app} .secret=${this.secret} .example=${nodeIdentityExample(embed)}></ao-identity>`;
  }
}
define("ao-publish", AoPublish);
