/**
 * The web app manifest of an account's app Meu Suporte: what a phone needs to install it
 * (name, icons, start URL, scope, standalone display, colours).
 */
import { pickLang, type Lang } from "../settings/look";
import { appBase, type AppAccount } from "./account";
import { ICONS } from "./icon";

const DESCRIPTION: Record<Lang, (company: string) => string> = {
  "pt-BR": (company) => `Seus chamados, o chat e a Base de Conhecimento de ${company}.`,
  en: (company) => `Your tickets (Chamados), chat and knowledge base (Base de Conhecimento) of ${company}.`,
  es: (company) => `Tus tickets (Chamados), el chat y la base de conocimiento (Base de Conhecimento) de ${company}.`,
};

/** Home screens show about 12 characters under an icon: a short company name, else the product's. */
const SHORT_NAME_MAX = 12;

/** The manifest's JSON. Icon URLs carry the colour, so a new colour is a new URL for every cache. */
export function appManifest(account: AppAccount) {
  const base = appBase(account);
  const lang = pickLang(account.locale);
  const version = account.themeColor.slice(1);
  const company = account.name.trim();
  return {
    id: base,
    name: `Meu Suporte · ${company}`,
    short_name: company.length <= SHORT_NAME_MAX ? company : "Meu Suporte",
    description: DESCRIPTION[lang](company),
    lang,
    dir: "ltr",
    start_url: base,
    scope: base,
    display: "standalone",
    orientation: "any",
    theme_color: account.themeColor,
    background_color: account.themeColor,
    categories: ["business", "productivity"],
    icons: ICONS.map((icon) => ({
      src: `${base}${icon.name}?v=${version}`,
      sizes: `${icon.size}x${icon.size}`,
      type: "image/png",
      purpose: icon.maskable ? "maskable" : "any",
    })),
  };
}
