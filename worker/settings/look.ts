/**
 * The widget's look and languages without zod: the constants and the merge that the Worker,
 * the widget and the console all use. The zod schema in schema.ts builds its validation from
 * these constants and is checked at compile time against `WidgetLook`, so there is one
 * definition of each and nothing to keep in step by hand.
 */

/** Languages the widget, the pop-up page and the console's previews speak. */
export const LANGS = ["pt-BR", "en", "es"] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The first supported language among the candidates (an element's `lang`, a query parameter,
 * the account's locale, `Accept-Language`), else pt-BR. Any `en-*` tag counts as English, any
 * `es-*` as Spanish, any `pt-*` as Brazilian Portuguese.
 */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const tag = candidate?.trim().toLowerCase().slice(0, 2);
    if (tag === "en" || tag === "es") return tag;
    if (tag === "pt") return "pt-BR";
  }
  return "pt-BR";
}

/** Every text the customer reads that the account may replace. Absent keys use the built-in, translated text. */
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
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

export const SIZE_PRESETS = { S: { width: 320, height: 440 }, M: { width: 370, height: 540 }, L: { width: 420, height: 640 } } as const;
export type SizePreset = keyof typeof SIZE_PRESETS;

/** Bounds of a custom size, in CSS pixels. */
export const SIZE_BOUNDS = { width: { min: 280, max: 600 }, height: { min: 360, max: 900 } } as const;

/** Longest replacement text, counted after trimming. */
export const TEXT_MAX = 500;

// Written out rather than spread from SIZE_PRESETS.M: esbuild keeps a spread as a possible side
// effect, which put both constants into the widget bundles that never use them.
export const DEFAULT_LOOK = {
  colors: { primary: "#1a73e8", onPrimary: "#ffffff", background: "#ffffff" },
  size: { preset: "M", width: 370, height: 540 },
  position: "right",
} as const;

/** Replacement texts of one language. */
export type Texts = Partial<Record<TextKey, string>>;
/** Replacement texts per language: what the console saves (`{ "pt-BR": { title }, en: { title } }`). */
export type TextsByLang = Partial<Record<Lang, Texts>>;

/** A look: only what the account (or department) changed, texts per language. */
export interface WidgetLook {
  colors: { primary?: string; onPrimary?: string; background?: string };
  size: { preset?: SizePreset | "custom"; width?: number; height?: number };
  position?: "left" | "right";
  texts: TextsByLang;
}

/**
 * A look as stored or sent by an older client: its texts may still be one set for every
 * language (the shape before texts were per language), which counts as the account's language.
 */
export type StoredLook = Omit<WidgetLook, "texts"> & { texts: Texts | TextsByLang };

/** What the widget applies: every field resolved, the texts of one language. */
export interface EffectiveLook {
  colors: { primary: string; onPrimary: string; background: string };
  size: { width: number; height: number };
  position: "left" | "right";
  texts: Texts;
}

/** Whether `texts` is the per-language shape (some key is a language; a text key never is). */
function isByLang(texts: Texts | TextsByLang): texts is TextsByLang {
  return LANGS.some((lang) => lang in texts);
}

/** Texts per language; the old single set is read as the account's language `base`. */
export function textsByLang(texts: Texts | TextsByLang, base: Lang): TextsByLang {
  if (isByLang(texts)) return texts;
  return Object.keys(texts).length > 0 ? { [base]: texts } : {};
}

/** A stored look with its texts per language (`base`: the account's language). */
export function readLook(look: StoredLook, base: Lang): WidgetLook {
  return { ...look, texts: textsByLang(look.texts, base) };
}

function resolveSize(size: WidgetLook["size"]): { width: number; height: number } | undefined {
  if (!size.preset && size.width === undefined && size.height === undefined) return undefined;
  if (size.preset && size.preset !== "custom") return SIZE_PRESETS[size.preset];
  return { width: size.width ?? DEFAULT_LOOK.size.width, height: size.height ?? DEFAULT_LOOK.size.height };
}

/**
 * The texts a page in `lang` shows: each text in `lang` (the department's, else the account's),
 * else in the account's language `base` (the department's, else the account's); what is left
 * uses the widget's built-in text in `lang`. A text in the customer's language wins over a more
 * specific one in another language: a customer reads their language first.
 */
export function textsIn(account: StoredLook["texts"], department: StoredLook["texts"] | undefined, lang: Lang, base: Lang): Texts {
  const a = textsByLang(account, base);
  const d = department ? textsByLang(department, base) : {};
  return { ...a[base], ...d[base], ...a[lang], ...d[lang] };
}

/**
 * Defaults, then the account's look, then the department's overrides, with the texts of `lang`
 * (falling back to the account's language `base`; both pt-BR when not given).
 */
export function effectiveLook(account: StoredLook, department?: StoredLook, lang: Lang = "pt-BR", base: Lang = lang): EffectiveLook {
  return {
    colors: { ...DEFAULT_LOOK.colors, ...account.colors, ...department?.colors },
    size: (department && resolveSize(department.size)) ??
      resolveSize(account.size) ?? { width: DEFAULT_LOOK.size.width, height: DEFAULT_LOOK.size.height },
    position: department?.position ?? account.position ?? DEFAULT_LOOK.position,
    texts: textsIn(account.texts, department?.texts, lang, base),
  };
}

/** A look with nothing set: everything inherits. */
export function emptyLook(): WidgetLook {
  return { colors: {}, size: {}, texts: {} };
}
