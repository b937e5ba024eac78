import { describe, expect, it } from "vitest";
import * as schema from "../../worker/settings/schema";
import {
  DEFAULT_LOOK,
  SIZE_PRESETS,
  TEXT_KEYS,
  draftFromLook,
  effectiveLook,
  emptyLook,
  langWithError,
  lookFromDraft,
  normalizeLook,
  type LookDraft,
  type WidgetLook,
} from "../../admin/look";

function draft(overrides: Partial<LookDraft> = {}): LookDraft {
  return { ...draftFromLook(emptyLook()), ...overrides };
}

describe("the console's copy of the settings schema", () => {
  it("lists the same text keys, sizes and defaults as worker/settings/schema.ts", () => {
    expect([...TEXT_KEYS]).toEqual([...schema.TEXT_KEYS]);
    expect(SIZE_PRESETS).toEqual(schema.SIZE_PRESETS);
    expect(DEFAULT_LOOK).toEqual(schema.DEFAULT_LOOK);
  });

  const looks: WidgetLook[] = [
    emptyLook(),
    { colors: { primary: "#112233" }, size: { preset: "L" }, position: "left", texts: { "pt-BR": { title: "Olá" }, en: { title: "Hi" } } },
    { colors: {}, size: { preset: "custom", width: 500 }, texts: {} },
    { colors: {}, size: { width: 300, height: 400 }, texts: {} },
    { colors: { background: "#000000" }, size: { preset: "S", width: 600 }, texts: { es: { greeting: "Hola" }, "pt-BR": { greeting: "Oi" } } },
  ];

  it("merges defaults, account and department like the server's effectiveLook", () => {
    for (const account of looks) {
      expect(effectiveLook(account)).toEqual(schema.effectiveLook(account));
      for (const department of looks)
        for (const lang of ["pt-BR", "en", "es"] as const)
          expect(effectiveLook(account, department, lang, "pt-BR")).toEqual(schema.effectiveLook(account, department, lang, "pt-BR"));
    }
  });
});

describe("client-side look validation", () => {
  it("leaves every empty field out, so that it inherits", () => {
    const { look, errors } = lookFromDraft(draft());
    expect(errors).toEqual({});
    expect(look).toEqual(emptyLook());
    expect(schema.WidgetLook.parse(look)).toEqual(look);
  });

  it("round-trips a stored look through the form", () => {
    const stored: WidgetLook = {
      colors: { primary: "#D93025", onPrimary: "#ffffff" },
      size: { preset: "custom", width: 480, height: 720 },
      position: "left",
      texts: { "pt-BR": { title: "Fale conosco", surveyThanks: "Valeu!" }, es: { title: "Hable con nosotros" } },
    };
    expect(lookFromDraft(draftFromLook(stored))).toEqual({ look: stored, errors: {} });
  });

  it("refuses what the schema refuses, field by field", () => {
    const d = draft({
      colors: { primary: "red", onPrimary: "#fff", background: "#12345g" },
      preset: "custom",
      width: "279",
      height: "901",
      texts: { ...draft().texts, en: { ...draft().texts.en, title: "x".repeat(501) } },
    });
    const { look, errors } = lookFromDraft(d);
    expect(errors).toEqual({
      "colors.primary": "color",
      "colors.onPrimary": "color",
      "colors.background": "color",
      "size.width": "width",
      "size.height": "height",
      "texts.en.title": "textTooLong",
    });
    expect(langWithError(errors)).toBe("en");
    // What is left is valid, for the preview.
    expect(schema.WidgetLook.safeParse(look).success).toBe(true);
    for (const [field, value] of [
      ["colors", { primary: "red" }],
      ["colors", { background: "#12345g" }],
      ["size", { preset: "custom", width: 279 }],
      ["size", { height: 901 }],
      ["texts", { title: "x".repeat(501) }],
      ["texts", { en: { title: "x".repeat(501) } }],
      ["texts", { en: { nope: "x" } }],
      ["texts", { title: "x", en: { title: "y" } }],
    ] as const) {
      expect(schema.WidgetLook.safeParse({ ...emptyLook(), [field]: value }).success, `${field} ${JSON.stringify(value)}`).toBe(false);
    }
  });

  it("accepts the bounds and rejects fractions and non-numbers", () => {
    expect(lookFromDraft(draft({ preset: "custom", width: "280", height: "900" })).errors).toEqual({});
    expect(lookFromDraft(draft({ preset: "custom", width: "600", height: "360" })).errors).toEqual({});
    expect(lookFromDraft(draft({ preset: "custom", width: "300.5", height: "4e2" })).errors).toEqual({ "size.width": "width", "size.height": "height" });
  });

  it("trims texts like the schema and drops blank ones", () => {
    const pt = { ...draft().texts["pt-BR"], title: "  Olá  ", greeting: "   ", sendButton: ` ${"y".repeat(500)} ` };
    const { look, errors } = lookFromDraft(draft({ texts: { ...draft().texts, "pt-BR": pt, en: { ...draft().texts.en, greeting: "  " } } }));
    expect(errors).toEqual({});
    // A language left blank is not saved: it falls back to the account's language.
    expect(look.texts).toEqual({ "pt-BR": { title: "Olá", sendButton: "y".repeat(500) } });
    expect(schema.WidgetLook.parse(look).texts).toEqual(look.texts);
  });

  it("ignores width and height when a preset fixes the size", () => {
    const { look, errors } = lookFromDraft(draft({ preset: "S", width: "9999", height: "" }));
    expect(errors).toEqual({});
    expect(look.size).toEqual({ preset: "S" });
  });

  it("fills in a document without look objects", () => {
    expect(normalizeLook(undefined, "pt-BR")).toEqual(emptyLook());
    expect(normalizeLook({ position: "left" } as Partial<WidgetLook>, "pt-BR")).toEqual({ ...emptyLook(), position: "left" });
  });

  it("reads texts in the old single shape as the account's language", () => {
    expect(normalizeLook({ texts: { title: "Hello" } }, "en").texts).toEqual({ en: { title: "Hello" } });
    expect(normalizeLook({ texts: { es: { title: "Hola" } } }, "en").texts).toEqual({ es: { title: "Hola" } });
    const parsed = schema.WidgetLook.parse({ texts: { title: "Olá" } });
    expect(schema.readLook(parsed, "pt-BR").texts).toEqual({ "pt-BR": { title: "Olá" } });
  });
});

describe("texts per language", () => {
  const account: WidgetLook = { ...emptyLook(), texts: { "pt-BR": { title: "Fale conosco", greeting: "Olá!" }, en: { title: "Talk to us" } } };
  const department: WidgetLook = { ...emptyLook(), texts: { "pt-BR": { greeting: "Olá, Suporte!" } } };

  it("gives a page the texts of its language, each missing one in the account's language", () => {
    expect(effectiveLook(account, undefined, "en", "pt-BR").texts).toEqual({ title: "Talk to us", greeting: "Olá!" });
    expect(effectiveLook(account, undefined, "es", "pt-BR").texts).toEqual({ title: "Fale conosco", greeting: "Olá!" });
    expect(effectiveLook(account, undefined, "pt-BR", "pt-BR").texts).toEqual({ title: "Fale conosco", greeting: "Olá!" });
  });

  it("prefers a text in the page's language over a department's text in the account's language", () => {
    expect(effectiveLook(account, department, "en", "pt-BR").texts).toEqual({ title: "Talk to us", greeting: "Olá, Suporte!" });
    const english = { ...emptyLook(), texts: { en: { greeting: "Hi, Support!" } } };
    expect(effectiveLook(account, english, "en", "pt-BR").texts).toEqual({ title: "Talk to us", greeting: "Hi, Support!" });
  });
});
