/**
 * `<ao-look-form>`: the fields of a look in "Personalizar chat" (colours, size, position, every
 * replaceable text) and the Save button. Stateless: it shows the draft it is given and reports
 * each edit; the page validates, saves and passes back the outcome. Every field is named after
 * its path in the settings schema (`colors.primary`, `size.width`, `texts.en.title`…). An empty
 * field inherits: its placeholder shows what it inherits. The texts are those of `lang`, picked
 * with `<ao-text-lang>` (which fires `ao-text-lang` through this form to the page).
 *
 * @fires ao-look-input - `detail: LookDraft`, after every edit
 * @fires ao-look-save - the form was submitted
 */
import { css, html, nothing } from "lit";
import { t, type MessageKey } from "../i18n";
import {
  COLOR_KEYS,
  DEFAULT_LOOK,
  LANGS,
  SIZE_BOUNDS,
  SIZE_PRESETS,
  TEXT_KEYS,
  TEXT_MAX,
  isHexColor,
  type ColorKey,
  type EffectiveLook,
  type Lang,
  type LookDraft,
  type LookErrors,
  type LookField,
  type TextKey,
} from "../look";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";
import "./ao-text-lang";

/** The outcome of the last save, shown next to the button. */
export type SaveStatus = { kind: "saved" } | { kind: "error"; key: MessageKey; params?: Record<string, string> };

const CHAT_TEXTS: readonly TextKey[] = ["waitingText", "sendButton", "closedText", "newChatButton"];
const TEXT_GROUPS: { legend: MessageKey; keys: TextKey[] }[] = [
  { legend: "textGroup.form", keys: TEXT_KEYS.filter((k) => !k.startsWith("survey") && !CHAT_TEXTS.includes(k)) },
  { legend: "textGroup.chat", keys: TEXT_KEYS.filter((k) => CHAT_TEXTS.includes(k)) },
  { legend: "textGroup.survey", keys: TEXT_KEYS.filter((k) => k.startsWith("survey")) },
];

export class AoLookForm extends AppElement {
  static override properties = {
    draft: { attribute: false },
    inherited: { attribute: false },
    placeholders: { attribute: false },
    errors: { attribute: false },
    status: { attribute: false },
    account: { type: Boolean },
    busy: { type: Boolean },
    lang: { attribute: false },
    base: { attribute: false },
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
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .row > .field {
        flex: 1 1 12rem;
      }
      .pair {
        display: flex;
        gap: 0.4rem;
      }
      .pair input[type="color"] {
        width: 2.6rem;
        min-height: 2.3rem;
        padding: 0.15rem;
        flex: none;
      }
      .pair input[type="text"] {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
      .save-bar {
        position: sticky;
        bottom: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.8rem;
        padding: 0.7rem 0;
        background: var(--ao-bg);
        border-top: 1px solid var(--ao-border);
      }
      p.error,
      p.saved {
        margin: 0;
      }
    `,
  ];

  declare draft: LookDraft;
  declare inherited: EffectiveLook;
  declare placeholders: Record<TextKey, string>;
  declare errors: LookErrors;
  declare status: SaveStatus | null;
  declare account: boolean;
  declare busy: boolean;
  /** The language whose texts are shown. */
  declare lang: Lang;
  /** The account's language, which the others fall back to. */
  declare base: Lang;

  constructor() {
    super();
    this.errors = {};
    this.status = null;
    this.account = false;
    this.busy = false;
    this.lang = "pt-BR";
    this.base = "pt-BR";
  }

  /** Moves focus to the first field with a problem (after a refused save). */
  focusFirstInvalid(): void {
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private edit(change: (draft: LookDraft) => LookDraft): void {
    this.dispatchEvent(new CustomEvent("ao-look-input", { detail: change(this.draft), bubbles: true, composed: true }));
  }

  private setDimension(which: "width" | "height", value: string): void {
    // Typing a size means a custom size; the other dimension starts from the size shown now.
    this.edit((d) => {
      const next = { ...d, [which]: value, preset: "custom" as const };
      const other = which === "width" ? "height" : "width";
      if (d.preset !== "custom" && !d[other].trim()) next[other] = String(this.currentSize()[other]);
      return next;
    });
  }

  private setPreset(value: string): void {
    const preset = value === "S" || value === "M" || value === "L" || value === "custom" ? value : "";
    this.edit((d) => {
      if (preset !== "custom") return { ...d, preset, width: "", height: "" };
      const size = this.currentSize();
      return { ...d, preset, width: d.width || String(size.width), height: d.height || String(size.height) };
    });
  }

  /**
   * The size the draft gives without its own width and height: a preset's, the built-in one for
   * "custom" (as the schema resolves a missing dimension), else the inherited one.
   */
  private currentSize(): { width: number; height: number } {
    const preset = this.draft.preset;
    if (preset === "custom") return DEFAULT_LOOK.size;
    return preset ? SIZE_PRESETS[preset] : this.inherited.size;
  }

  private problem(field: LookField, id: string) {
    const problem = this.errors[field];
    return problem ? html`<p id=${`${id}-error`} class="error">${t(`problem.${problem}`)}</p>` : nothing;
  }

  private inheritLabel(value: string): string {
    return t(this.account ? "customize.default" : "customize.inherited", { value });
  }

  private color(key: ColorKey) {
    const field = `colors.${key}` as const;
    const id = `color-${key}`;
    const value = this.draft.colors[key];
    const fallback = this.inherited.colors[key];
    const invalid = Boolean(this.errors[field]);
    return html`<div class="field">
      <label for=${id}>${t(`color.${key}`)}</label>
      <div class="pair">
        <input
          type="color"
          .value=${(isHexColor(value) ? value.trim() : fallback).toLowerCase()}
          aria-label=${t("customize.colorPicker", { label: t(`color.${key}`) })}
          @input=${(e: Event) => this.edit((d) => ({ ...d, colors: { ...d.colors, [key]: (e.target as HTMLInputElement).value } }))}
        />
        <input
          id=${id}
          name=${field}
          type="text"
          autocomplete="off"
          spellcheck="false"
          .value=${value}
          placeholder=${fallback}
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby=${invalid ? `${id}-error` : nothing}
          @input=${(e: Event) => this.edit((d) => ({ ...d, colors: { ...d.colors, [key]: (e.target as HTMLInputElement).value } }))}
        />
      </div>
      ${this.problem(field, id)}
    </div>`;
  }

  private dimension(which: "width" | "height") {
    const field = `size.${which}` as const;
    const id = `size-${which}`;
    const invalid = Boolean(this.errors[field]);
    const bounds = SIZE_BOUNDS[which];
    return html`<div class="field">
      <label for=${id}>${t(`customize.${which}`)}</label>
      <input
        id=${id}
        name=${field}
        type="number"
        inputmode="numeric"
        min=${bounds.min}
        max=${bounds.max}
        step="1"
        .value=${this.draft[which]}
        placeholder=${String(this.currentSize()[which])}
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${invalid ? `${id}-error` : nothing}
        @input=${(e: Event) => this.setDimension(which, (e.target as HTMLInputElement).value)}
      />
      ${this.problem(field, id)}
    </div>`;
  }

  private text(key: TextKey) {
    const lang = this.lang;
    const field = `texts.${lang}.${key}` as const;
    const id = `text-${key}`;
    const invalid = Boolean(this.errors[field]);
    return html`<div class="field">
      <label for=${id}>${t(`textLabel.${key}`)}</label>
      <input
        id=${id}
        name=${field}
        type="text"
        maxlength=${TEXT_MAX}
        lang=${lang}
        .value=${this.draft.texts[lang][key]}
        placeholder=${this.placeholders[key]}
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${invalid ? `${id}-error` : nothing}
        @input=${(e: Event) =>
          this.edit((d) => ({ ...d, texts: { ...d.texts, [lang]: { ...d.texts[lang], [key]: (e.target as HTMLInputElement).value } } }))}
      />
      ${this.problem(field, id)}
    </div>`;
  }

  /** How many texts each language has of its own in the draft. */
  private counts(): Record<Lang, number> {
    const counts = {} as Record<Lang, number>;
    for (const lang of LANGS) counts[lang] = TEXT_KEYS.filter((key) => this.draft.texts[lang][key].trim() !== "").length;
    return counts;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent("ao-look-save", { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.draft || !this.inherited) return html``;
    const d = this.draft;
    const inheritedSize = `${this.inherited.size.width} × ${this.inherited.size.height}`;
    const hasErrors = Object.keys(this.errors).length > 0;
    return html`<form novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${t("customize.colors")}</legend>
        <div class="row">${COLOR_KEYS.map((key) => this.color(key))}</div>
      </fieldset>
      <fieldset>
        <legend>${t("customize.size")} · ${t("customize.position")}</legend>
        <div class="row">
          <div class="field">
            <label for="size-preset">${t("customize.size")}</label>
            <select id="size-preset" name="size.preset" @change=${(e: Event) => this.setPreset((e.target as HTMLSelectElement).value)}>
              <option value="" .selected=${d.preset === ""}>${this.inheritLabel(inheritedSize)}</option>
              ${(["S", "M", "L", "custom"] as const).map((p) => html`<option value=${p} .selected=${d.preset === p}>${t(`size.${p}`)}</option>`)}
            </select>
          </div>
          ${this.dimension("width")} ${this.dimension("height")}
          <div class="field">
            <label for="position">${t("customize.position")}</label>
            <select
              id="position"
              name="position"
              @change=${(e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                this.edit((draft) => ({ ...draft, position: value === "left" || value === "right" ? value : "" }));
              }}
            >
              <option value="" .selected=${d.position === ""}>${this.inheritLabel(t(`position.${this.inherited.position}`))}</option>
              <option value="right" .selected=${d.position === "right"}>${t("position.right")}</option>
              <option value="left" .selected=${d.position === "left"}>${t("position.left")}</option>
            </select>
          </div>
        </div>
      </fieldset>
      <ao-text-lang .app=${this.app} .lang=${this.lang} .base=${this.base} .counts=${this.counts()}></ao-text-lang>
      <p class="hint">${this.lang === this.base ? t("customize.textsHint") : t("customize.textsFallback", { lang: t(`lang.${this.base}`) })}</p>
      ${TEXT_GROUPS.map(
        (group) => html`<fieldset>
          <legend>${t(group.legend)}</legend>
          ${group.keys.map((key) => this.text(key))}
        </fieldset>`,
      )}
      <div class="save-bar">
        <button type="submit" class="primary" data-testid="save-settings" ?disabled=${this.busy}>
          ${this.busy ? t("customize.saving") : t("customize.save")}
        </button>
        <div role="status" aria-live="polite">
          ${this.status?.kind === "saved" ? html`<p class="saved" data-testid="settings-saved">${t("customize.saved")}</p>` : nothing}
        </div>
        <div role="alert">
          ${this.status?.kind === "error"
            ? html`<p class="error" data-testid="settings-error">${t(this.status.key, this.status.params)}</p>`
            : hasErrors
              ? html`<p class="error" data-testid="settings-error">${t("customize.invalid")}</p>`
              : nothing}
        </div>
      </div>
    </form>`;
  }
}
define("ao-look-form", AoLookForm);

declare global {
  interface HTMLElementEventMap {
    "ao-look-input": CustomEvent<LookDraft>;
    "ao-look-save": CustomEvent<undefined>;
  }
}
