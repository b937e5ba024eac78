/**
 * The fields of the Configurações da Conta form, as templates rendered into `<ao-account>`'s
 * own shadow root (so that `aria-describedby` reaches each field's hint and error). Each field
 * reads the draft and the errors from a {@link FieldContext} and writes edits back through it.
 */
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import type { AccountView } from "../../worker/views-gestao";
import { DEFAULT_TIME_ZONE, MAX_ORIGINS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, formatOrigins } from "../account-form";
import { t } from "../i18n";

/** The form's fields, named like the PATCH body's (and the server's error `field`). */
export type AccountField = "name" | "timeZone" | "locale" | "allowedOrigins" | "retentionDays";

/** What the form holds while the administrator types. */
export interface AccountDraft {
  name: string;
  timeZone: string;
  locale: AccountView["locale"];
  /** The allowed sites as typed, one per line. */
  origins: string;
  /** Kept for ever (no retention). */
  keep: boolean;
  days: string;
}

export interface FieldContext {
  draft: AccountDraft;
  errors: Partial<Record<AccountField, string>>;
  edit(patch: Partial<AccountDraft>): void;
}

/** The time-zone list as the picker shows it: filtered, labelled with offsets. */
export interface ZonePicker {
  shown: string[];
  filter: string;
  setFilter(text: string): void;
  label(zone: string): string;
}

const LOCALES: AccountView["locale"][] = ["pt-BR", "en", "es"];

/** The form's starting values for the stored account. */
export function draftOf(account: AccountView): AccountDraft {
  return {
    name: account.name,
    timeZone: account.timeZone || DEFAULT_TIME_ZONE,
    locale: account.locale,
    origins: formatOrigins(account.allowedOrigins),
    keep: account.retentionDays === null,
    days: account.retentionDays === null ? "" : String(account.retentionDays),
  };
}

const value = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

function describedBy(ctx: FieldContext, field: AccountField, hint?: string): string | typeof nothing {
  const ids = [hint, ctx.errors[field] ? `${field}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : nothing;
}

function invalid(ctx: FieldContext, field: AccountField): "true" | "false" {
  return ctx.errors[field] ? "true" : "false";
}

function problem(ctx: FieldContext, field: AccountField) {
  const text = ctx.errors[field];
  return text ? html`<p id="${field}-error" class="error" data-testid="account-${field}-error">${text}</p>` : nothing;
}

export function nameField(ctx: FieldContext) {
  return html`<div class="field">
    <label for="name">${t("account.name")}</label>
    <input
      id="name"
      name="name"
      autocomplete="organization"
      data-testid="account-name"
      .value=${live(ctx.draft.name)}
      aria-invalid=${invalid(ctx, "name")}
      aria-describedby=${describedBy(ctx, "name")}
      @input=${(e: Event) => ctx.edit({ name: value(e) })}
    />
    ${problem(ctx, "name")}
  </div>`;
}

export function localeField(ctx: FieldContext) {
  return html`<div class="field">
    <label for="locale">${t("account.locale")}</label>
    <select
      id="locale"
      name="locale"
      data-testid="account-locale"
      aria-invalid=${invalid(ctx, "locale")}
      aria-describedby=${describedBy(ctx, "locale", "locale-hint")}
      @change=${(e: Event) => ctx.edit({ locale: LOCALES.find((l) => l === value(e)) ?? "pt-BR" })}
    >
      ${LOCALES.map((l) => html`<option value=${l} lang=${l} .selected=${l === ctx.draft.locale}>${t(`lang.${l}`)}</option>`)}
    </select>
    <p id="locale-hint" class="hint">${t("account.localeHint")}</p>
    ${problem(ctx, "locale")}
  </div>`;
}

/** A filter box above the select: some 400 zones are too many to scroll through. */
export function timeZoneField(ctx: FieldContext, zones: ZonePicker) {
  return html`<div class="field">
    <label for="timeZone">${t("account.timeZone")}</label>
    <input
      id="zone-filter"
      type="search"
      data-testid="account-timezone-filter"
      aria-label=${t("account.timeZoneFilter")}
      placeholder=${t("account.timeZoneFilter")}
      aria-controls="timeZone"
      .value=${live(zones.filter)}
      @input=${(e: Event) => zones.setFilter(value(e))}
    />
    <select
      id="timeZone"
      name="timeZone"
      data-testid="account-timezone"
      aria-invalid=${invalid(ctx, "timeZone")}
      aria-describedby=${describedBy(ctx, "timeZone", "timeZone-hint")}
      @change=${(e: Event) => ctx.edit({ timeZone: value(e) })}
    >
      ${zones.shown.map((zone) => html`<option value=${zone} .selected=${zone === ctx.draft.timeZone}>${zones.label(zone)}</option>`)}
    </select>
    <p id="timeZone-hint" class="hint">${t("account.timeZoneHint")}</p>
    ${problem(ctx, "timeZone")}
  </div>`;
}

export function originsField(ctx: FieldContext) {
  return html`<div class="field">
    <label for="origins">${t("account.origins")}</label>
    <textarea
      id="origins"
      name="allowedOrigins"
      rows="4"
      spellcheck="false"
      autocomplete="off"
      placeholder=${t("account.originsPlaceholder")}
      data-testid="account-origins"
      .value=${live(ctx.draft.origins)}
      aria-invalid=${invalid(ctx, "allowedOrigins")}
      aria-describedby=${describedBy(ctx, "allowedOrigins", "origins-hint")}
      @input=${(e: Event) => ctx.edit({ origins: value(e) })}
    ></textarea>
    <p id="origins-hint" class="hint">${t("account.originsHint", { max: MAX_ORIGINS })}</p>
    ${problem(ctx, "allowedOrigins")}
  </div>`;
}

export function retentionField(ctx: FieldContext) {
  const { keep, days } = ctx.draft;
  return html`<div class="field">
    <label for="retention">${t("account.retention")}</label>
    <select id="retention" name="retention" data-testid="account-retention" aria-describedby="retention-hint" @change=${(e: Event) => ctx.edit({ keep: value(e) === "keep" })}>
      <option value="keep" .selected=${keep}>${t("account.retentionKeep")}</option>
      <option value="days" .selected=${!keep}>${t("account.retentionDelete")}</option>
    </select>
    ${keep
      ? nothing
      : html`<label for="retentionDays">${t("account.retentionDays", { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })}</label>
          <input
            id="retentionDays"
            class="days"
            name="retentionDays"
            type="number"
            inputmode="numeric"
            min=${MIN_RETENTION_DAYS}
            max=${MAX_RETENTION_DAYS}
            step="1"
            data-testid="account-retention-days"
            .value=${live(days)}
            aria-invalid=${invalid(ctx, "retentionDays")}
            aria-describedby=${describedBy(ctx, "retentionDays", "retention-hint")}
            @input=${(e: Event) => ctx.edit({ days: value(e) })}
          />`}
    <p id="retention-hint" class="hint">${t("account.retentionHint")}</p>
    ${problem(ctx, "retentionDays")}
  </div>`;
}
