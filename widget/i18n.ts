/**
 * The widget's texts: Brazilian Portuguese by default, English and Spanish on request.
 *
 * Split in two dictionaries on purpose: the loader imports only `launcherText` (a handful of
 * strings), and esbuild drops the unused `panelText` from the loader bundle, which has to stay
 * under a few kilobytes.
 *
 * The panel speaks pt-BR built in; English and Spanish are separate scripts (i18n-en.ts,
 * i18n-es.ts) that the loader fetches only for a page in that language.
 *
 * The keys the account may replace in the console (`TEXT_KEYS` of worker/settings/schema.ts)
 * have the same names here, so an override is a plain spread: `{ ...panelText[lang], ...texts }`.
 */
import { pickLang, type Lang, type TextKey } from "../worker/settings/look";
import type { PtChat } from "./i18n-pt-chat";

export { pickLang, type Lang };

/** The only strings the loader needs: the launcher's label, and its label with unread messages. */
export const launcherText: Record<Lang, [open: string, close: string, unread: string]> = {
  "pt-BR": ["Abrir chat", "Fechar chat", "mensagens não lidas"],
  en: ["Open chat", "Close chat", "unread messages"],
  es: ["Abrir chat", "Cerrar chat", "mensajes sin leer"],
};

const ptBR = {
  title: "Atendimento",
  minimize: "Minimizar chat",
  popout: "Abrir em nova aba",
  loading: "Carregando…",
  loadFailed: "Não foi possível carregar o chat. Tente novamente em instantes.",
  greeting: "Olá! Preencha os campos abaixo para falar com a nossa equipe.",
  nameLabel: "Nome",
  emailLabel: "E-mail",
  departmentLabel: "Departamento",
  offlineSuffix: " (offline)",
  messageLabel: "Como podemos ajudar?",
  startButton: "Iniciar conversa",
  starting: "Iniciando…",
  offlineTitle: "Estamos offline",
  offlineText: "No momento não há atendentes disponíveis. Deixe sua mensagem e responderemos por e-mail.",
  offlineSent: "Mensagem enviada! Responderemos por e-mail.",
  offlineBusy: "Todos os atendentes estão ocupados. Deixe sua mensagem e responderemos por e-mail.",
  queueClosed: "Nosso horário terminou. Sua conversa continua na fila.",
  backAt: (day: string, time: string) => `Voltamos ${day} às ${time}.`,
  sendButton: "Enviar mensagem",
  messages: "Mensagens",
  tooLong: (length: number, max: number) => `Sua mensagem tem ${length} caracteres; o limite é ${max}.`,
  pending: "Enviando…",
  failed: "Não enviada.",
  retry: "Tentar de novo",
  closedText: "Esta conversa foi encerrada.",
  sessionExpired: "Sua sessão expirou. Inicie uma nova conversa.",
  history: "Conversas anteriores",
  back: "Voltar",
  chatNumber: (n: number) => `Conversa nº ${n}`,
  errors: {
    unknown_department: "Departamento não encontrado.",
    department_offline: "Este departamento está offline no momento. Escolha outro ou tente mais tarde.",
    rate_limited: "Muitas tentativas. Aguarde um momento e tente de novo.",
    bad_request: "Verifique os dados informados.",
    network: "Sem conexão com o servidor. Tente novamente.",
    unsupported_version: "Esta versão do chat está desatualizada. Recarregue a página.",
    generic: "Algo deu errado. Tente novamente.",
  },
};

/**
 * Every panel string, per language (each language has the same keys). Portuguese comes in two
 * parts: the texts above, in the panel's script, and those of a chat under way (i18n-pt-chat.ts),
 * in `/widget-chat.js`, which adds them here (`addPortuguese`) when it loads: nothing reads them
 * before the panel has entered a chat, which waits for that script.
 */
export type PanelText = typeof ptBR & PtChat;

/** Completes the Portuguese texts with a chat's (called by `/widget-chat.js`). */
export function addPortuguese(texts: PtChat): void {
  Object.assign(ptBR, texts);
}

/** A closer's role word ("Encerrado por Ana (gerente)."): `words` for administrator, manager, attendant. */
export function closerRole(role: string, words: readonly [string, string, string]): string {
  return role === "administrator" ? words[0] : role === "department_manager" ? words[1] : words[2];
}

// Compile-time check: every text the console can replace exists here, as a plain string.
({}) as PanelText satisfies Record<TextKey, string>;

/**
 * The panel's texts of the languages loaded so far. pt-BR is built in; English and Spanish come
 * in their own small scripts (`/widget-lang-en.js`, `/widget-lang-es.js`) that register here,
 * so each page view downloads only its language. Kept on the global object so that a language
 * script and the panel script share it whatever order they run in.
 */
function registry(): Partial<Record<Lang, PanelText>> {
  const g = globalThis as unknown as { __tomticketPanelText?: Partial<Record<Lang, PanelText>> };
  // Not seeded with ptBR: a language script imports this, and must not carry the Portuguese texts.
  return (g.__tomticketPanelText ??= {});
}

/** Called by a language script. */
export function registerPanelText(lang: Lang, text: PanelText): void {
  registry()[lang] = text;
}

/** Whether the panel can speak `lang` now (pt-BR always). */
export function hasPanelText(lang: Lang): boolean {
  return lang === "pt-BR" || registry()[lang] !== undefined;
}

/**
 * The texts to show: the language's built-in ones, then the account's (or department's)
 * replacements. A replaced closing text replaces every variant of it.
 */
export function textsFor(lang: Lang, overrides: Partial<Record<TextKey, string>> | undefined): PanelText {
  // A language whose script has not arrived yet reads in Portuguese until it does.
  const base = (lang === "pt-BR" ? undefined : registry()[lang]) ?? (ptBR as PanelText);
  if (!overrides) return base;
  const t: PanelText = { ...base };
  const texts: Record<string, unknown> = t;
  // Only known plain-string keys: an unexpected key must not replace a function or a list.
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === "string" && value && typeof texts[key] === "string") texts[key] = value;
  }
  if (overrides.closedText) {
    t.closedByYou = t.closedByAttendant = t.closedBySystem = t.closedText;
    t.closedByName = () => t.closedText;
  }
  return t;
}

/** The text for an API error code, or the generic one. */
export function errorText(t: PanelText, code: string | undefined): string {
  const errors: Record<string, string | undefined> = t.errors;
  return (code && errors[code]) || t.errors.generic;
}
