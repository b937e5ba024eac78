/**
 * The widget's look in the console ("Personalizar chat"): the form's draft and the client-side
 * validation that mirrors the zod schema. The constants and `effectiveLook()` come from the
 * zod-free worker/settings/look.ts, the same module the schema is built from;
 * test/admin/look.test.ts checks that this validation agrees with the schema's.
 */
import {
  DEFAULT_LOOK,
  effectiveLook,
  emptyLook,
  LANGS,
  readLook,
  SIZE_BOUNDS,
  SIZE_PRESETS,
  TEXT_KEYS,
  TEXT_MAX,
  type EffectiveLook,
  type Lang,
  type SizePreset,
  type StoredLook,
  type TextKey,
  type Texts,
  type WidgetLook,
} from "../worker/settings/look";

export { DEFAULT_LOOK, effectiveLook, emptyLook, LANGS, SIZE_BOUNDS, SIZE_PRESETS, TEXT_KEYS, TEXT_MAX };
export type { EffectiveLook, Lang, SizePreset, StoredLook, TextKey, Texts, WidgetLook };

export const COLOR_KEYS = ["primary", "onPrimary", "background"] as const satisfies readonly (keyof EffectiveLook["colors"])[];
export type ColorKey = (typeof COLOR_KEYS)[number];

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** What the form holds while someone types: strings, "" meaning "not set here, inherit". */
export interface LookDraft {
  colors: Record<ColorKey, string>;
  preset: "" | SizePreset | "custom";
  width: string;
  height: string;
  position: "" | "left" | "right";
  /** Every text of every language ("" where that language has no text of its own). */
  texts: Record<Lang, Record<TextKey, string>>;
}

/** Form field names: the schema's paths (`colors.primary`, `size.width`, `texts.en.title`…). */
export type LookField = `colors.${ColorKey}` | "size.width" | "size.height" | `texts.${Lang}.${TextKey}`;
/** Why a field is refused; the console turns these into texts. */
export type LookProblem = "color" | "width" | "height" | "textTooLong";
export type LookErrors = Partial<Record<LookField, LookProblem>>;

/** The form's draft for a stored look. */
export function draftFromLook(look: WidgetLook): LookDraft {
  const texts = {} as LookDraft["texts"];
  for (const lang of LANGS) {
    texts[lang] = {} as Record<TextKey, string>;
    for (const key of TEXT_KEYS) texts[lang][key] = look.texts[lang]?.[key] ?? "";
  }
  return {
    colors: { primary: look.colors.primary ?? "", onPrimary: look.colors.onPrimary ?? "", background: look.colors.background ?? "" },
    preset: look.size.preset ?? "",
    width: look.size.width === undefined ? "" : String(look.size.width),
    height: look.size.height === undefined ? "" : String(look.size.height),
    position: look.position ?? "",
    texts,
  };
}

function parseDimension(raw: string, bounds: { min: number; max: number }): number | undefined | "invalid" {
  const value = raw.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) return "invalid";
  const n = Number(value);
  return n >= bounds.min && n <= bounds.max ? n : "invalid";
}

/**
 * The look to save for a draft, with what is wrong with it. Empty fields are left out (they
 * inherit); invalid ones are left out too and reported, so the preview keeps showing the rest.
 * Save only when `errors` is empty.
 */
export function lookFromDraft(draft: LookDraft): { look: WidgetLook; errors: LookErrors } {
  const look = emptyLook();
  const errors: LookErrors = {};
  for (const key of COLOR_KEYS) {
    const value = draft.colors[key].trim();
    if (!value) continue;
    if (HEX_COLOR.test(value)) look.colors[key] = value;
    else errors[`colors.${key}`] = "color";
  }
  if (draft.preset) look.size.preset = draft.preset;
  // A preset fixes the size: width and height count only with "custom" or no preset at all.
  if (draft.preset === "custom" || draft.preset === "") {
    const width = parseDimension(draft.width, SIZE_BOUNDS.width);
    const height = parseDimension(draft.height, SIZE_BOUNDS.height);
    if (width === "invalid") errors["size.width"] = "width";
    else if (width !== undefined) look.size.width = width;
    if (height === "invalid") errors["size.height"] = "height";
    else if (height !== undefined) look.size.height = height;
  }
  if (draft.position) look.position = draft.position;
  for (const lang of LANGS) {
    const texts: Texts = {};
    for (const key of TEXT_KEYS) {
      const value = draft.texts[lang][key].trim();
      if (!value) continue;
      if (value.length <= TEXT_MAX) texts[key] = value;
      else errors[`texts.${lang}.${key}`] = "textTooLong";
    }
    // A language without texts is left out: it falls back to the account's language.
    if (Object.keys(texts).length > 0) look.texts[lang] = texts;
  }
  return { look, errors };
}

/** The first language with a refused text, so the form can show it. */
export function langWithError(errors: LookErrors): Lang | undefined {
  return LANGS.find((lang) => Object.keys(errors).some((field) => field.startsWith(`texts.${lang}.`)));
}

/** Whether a string is a colour the schema accepts (`#rrggbb`). */
export function isHexColor(value: string): boolean {
  return HEX_COLOR.test(value.trim());
}

/**
 * A stored look with every object present (`{ colors: {}, size: {}, texts: {} }` at least), so
 * that a document from an older server (texts in one set: the account's language `base`), or one
 * without a `look`, still fills the form.
 */
export function normalizeLook(look: Partial<StoredLook> | undefined, base: Lang): WidgetLook {
  return readLook(
    {
      colors: { ...look?.colors },
      size: { ...look?.size },
      ...(look?.position ? { position: look.position } : {}),
      texts: { ...look?.texts },
    },
    base,
  );
}
