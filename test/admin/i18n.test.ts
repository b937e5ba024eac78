import { afterEach, describe, expect, it } from "vitest";
import { dictionary, LOCALES, setLocale, t, type MessageKey } from "../../admin/i18n";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("console dictionaries", () => {
  afterEach(() => setLocale("pt-BR"));

  const ptBR = dictionary("pt-BR");
  const keys = Object.keys(ptBR) as MessageKey[];

  it("offers Spanish next to Portuguese and English", () => {
    expect(LOCALES).toEqual(["pt-BR", "en", "es"]);
  });

  for (const locale of LOCALES) {
    it(`has every key in ${locale}, none of them empty`, () => {
      const texts = dictionary(locale);
      expect(Object.keys(texts).sort()).toEqual([...keys].sort());
      const empty = keys.filter((key) => typeof texts[key] !== "string" || texts[key].trim() === "");
      expect(empty).toEqual([]);
    });

    it(`keeps the placeholders of every pt-BR text in ${locale}`, () => {
      const texts = dictionary(locale);
      const wrong = keys.filter((key) => placeholders(texts[key]).join() !== placeholders(ptBR[key]).join());
      expect(wrong).toEqual([]);
    });
  }

  it("translates Gestão and the core texts into Spanish, keeping product names in Portuguese", () => {
    setLocale("es");
    expect(t("nav.live")).toBe("Atendimento Online (Chat en vivo)");
    expect(t("gestao.account")).toBe("Configurações da Conta (Configuración de la cuenta)");
    expect(t("setup.progress", { done: 2, total: 5 })).toBe("2 de 5 completados");
    expect(t("customize.save")).toBe("Guardar");
  });

  it("has Spanish texts that differ from the Portuguese ones where the languages differ", () => {
    const es = dictionary("es");
    // Identical words exist (Departamento, Clientes…), but most texts must be translated.
    const same = keys.filter((key) => es[key] === ptBR[key]);
    expect(same.length).toBeLessThan(keys.length / 5);
  });
});
