/**
 * The widget's look in the console ("Personalizar chat"): a typed copy of the constants and of
 * `effectiveLook()` from worker/settings/schema.ts, the form's draft, and the client-side
 * validation that mirrors the zod schema.
 *
 * Why a copy: the console must not bundle zod, and schema.ts imports it. Keep this file in step
 * with schema.ts: the type checks below catch a renamed key, and test/admin/look.test.ts compares
 * the constants, the merge and the validation with the real schema.
 */
import type { EffectiveLook, TextKey, WidgetLook } from "../worker/settings/schema";

export type { EffectiveLook, TextKey, WidgetLook };

/** Same order as `TEXT_KEYS` in schema.ts (the form shows them in this order). */
export const TEXT_KEYS = [
  "title",
  "greeting",
  "nameLabel",
  "emailLabel",
  "departmentLabel",
  "messageLabel",
  "startButton",
  "waitingText",
  "offlineTitle",
  "offlineText",
  "sendButton",
  "closedText",
  "newChatButton",
  "surveyTitle",
  "surveySolvedQuestion",
  "surveyGradeQuestion",
  "surveyCommentLabel",
  "surveySubmit",
  "surveyThanks",
] as const satisfies readonly TextKey[];

// Compile-time: every key of the schema is listed above.
type Assert<T extends true> = T;
export type EveryTextKeyListed = Assert<[Exclude<TextKey, (typeof TEXT_KEYS)[number]>] extends [never] ? true : false>;

export const COLOR_KEYS = ["primary", "onPrimary", "background"] as const satisfies readonly (keyof EffectiveLook["colors"])[];
export type ColorKey = (typeof COLOR_KEYS)[number];

export const SIZE_PRESETS = { S: { width: 320, height: 440 }, M: { width: 370, height: 540 }, L: { width: 420, height: 640 } } as const;
export type SizePreset = keyof typeof SIZE_PRESETS;

/** Bounds of a custom size, in CSS pixels (schema: `size.width` / `size.height`). */
export const SIZE_BOUNDS = { width: { min: 280, max: 600 }, height: { min: 360, max: 900 } } as const;

/** Longest replacement text (schema: `text(500)`, counted after trimming). */
export const TEXT_MAX = 500;

export const DEFAULT_LOOK = {
  colors: { primary: "#1a73e8", onPrimary: "#ffffff", background: "#ffffff" },
  size: { preset: "M", ...SIZE_PRESETS.M },
  position: "right",
} as const;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** A look with nothing set: everything inherits. */
export function emptyLook(): WidgetLook {
  return { colors: {}, size: {}, texts: {} };
}

function resolveSize(size: WidgetLook["size"]): { width: number; height: number } | undefined {
  if (!size.preset && size.width === undefined && size.height === undefined) return undefined;
  if (size.preset && size.preset !== "custom") return SIZE_PRESETS[size.preset];
  return { width: size.width ?? DEFAULT_LOOK.size.width, height: size.height ?? DEFAULT_LOOK.size.height };
}

/** Defaults, then the account's look, then the department's overrides (as `effectiveLook` in schema.ts). */
export function effectiveLook(account: WidgetLook, department?: WidgetLook): EffectiveLook {
  return {
    colors: { ...DEFAULT_LOOK.colors, ...account.colors, ...department?.colors },
    size: (department && resolveSize(department.size)) ??
      resolveSize(account.size) ?? { width: DEFAULT_LOOK.size.width, height: DEFAULT_LOOK.size.height },
    position: department?.position ?? account.position ?? DEFAULT_LOOK.position,
    texts: { ...account.texts, ...department?.texts },
  };
}

/** What the form holds while someone types: strings, "" meaning "not set here, inherit". */
export interface LookDraft {
  colors: Record<ColorKey, string>;
  preset: "" | SizePreset | "custom";
  width: string;
  height: string;
  position: "" | "left" | "right";
  texts: Record<TextKey, string>;
}

/** Form field names: the schema's paths (`colors.primary`, `size.width`, `texts.title`…). */
export type LookField = `colors.${ColorKey}` | "size.width" | "size.height" | `texts.${TextKey}`;
/** Why a field is refused; the console turns these into texts. */
export type LookProblem = "color" | "width" | "height" | "textTooLong";
export type LookErrors = Partial<Record<LookField, LookProblem>>;

/** The form's draft for a stored look. */
export function draftFromLook(look: WidgetLook): LookDraft {
  const texts = {} as Record<TextKey, string>;
  for (const key of TEXT_KEYS) texts[key] = look.texts[key] ?? "";
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
  for (const key of TEXT_KEYS) {
    const value = draft.texts[key].trim();
    if (!value) continue;
    if (value.length <= TEXT_MAX) look.texts[key] = value;
    else errors[`texts.${key}`] = "textTooLong";
  }
  return { look, errors };
}

/** Whether a string is a colour the schema accepts (`#rrggbb`). */
export function isHexColor(value: string): boolean {
  return HEX_COLOR.test(value.trim());
}

/**
 * A stored look with every object present (`{ colors: {}, size: {}, texts: {} }` at least), so
 * that a document from an older server, or one without a `look`, still fills the form.
 */
export function normalizeLook(look: Partial<WidgetLook> | undefined): WidgetLook {
  return {
    colors: { ...look?.colors },
    size: { ...look?.size },
    ...(look?.position ? { position: look.position } : {}),
    texts: { ...look?.texts },
  };
}
