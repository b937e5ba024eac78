/**
 * The widget's texts: Brazilian Portuguese by default, English on request.
 *
 * Split in two dictionaries on purpose: the loader imports only `launcherText` (a handful of
 * strings), and esbuild drops the unused `panelText` from the loader bundle, which has to stay
 * under a few kilobytes.
 */

/** Languages the widget speaks. */
export type Lang = "pt-BR" | "en";

/**
 * The first supported language among the candidates (an element's `lang`, the account's
 * locale), else pt-BR. Any `en-*` tag counts as English.
 */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const tag = candidate?.trim().toLowerCase();
    if (!tag) continue;
    if (tag === "en" || tag.startsWith("en-")) return "en";
    if (tag === "pt" || tag.startsWith("pt-")) return "pt-BR";
  }
  return "pt-BR";
}

/** The only strings the loader needs. */
export const launcherText: Record<Lang, { open: string; close: string; unread: string }> = {
  "pt-BR": { open: "Abrir chat", close: "Fechar chat", unread: "Abrir chat (nova mensagem)" },
  en: { open: "Open chat", close: "Close chat", unread: "Open chat (new message)" },
};

const ptBR = {
  title: "Atendimento",
  minimize: "Minimizar chat",
  loading: "Carregando…",
  loadFailed: "Não foi possível carregar o chat. Tente novamente em instantes.",
  greeting: "Olá! Preencha os campos abaixo para falar com a nossa equipe.",
  name: "Nome",
  email: "E-mail",
  department: "Departamento",
  offlineSuffix: " (offline)",
  firstMessage: "Como podemos ajudar?",
  start: "Iniciar conversa",
  starting: "Iniciando…",
  offline: "No momento não há atendentes disponíveis. Tente novamente mais tarde.",
  compose: "Mensagem",
  composePlaceholder: "Escreva sua mensagem…",
  send: "Enviar mensagem",
  endChat: "Encerrar conversa",
  messages: "Mensagens",
  tooLong: (length: number, max: number) =>
    `Sua mensagem tem ${length.toLocaleString("pt-BR")} caracteres; o limite é ${max.toLocaleString("pt-BR")}.`,
  counter: (length: number, max: number) => `${length.toLocaleString("pt-BR")} / ${max.toLocaleString("pt-BR")}`,
  connecting: "Conectando…",
  reconnecting: "Conexão perdida. Reconectando…",
  waiting: "Aguardando um atendente…",
  waitingOffline: "Aguardando um atendente. Nenhum atendente online no momento.",
  joined: (name: string) => `${name} entrou na conversa.`,
  typing: (name: string) => `${name} está digitando…`,
  pending: "Enviando…",
  sent: "Enviada",
  delivered: "Entregue",
  read: "Lida",
  failed: "Não enviada.",
  retry: "Tentar de novo",
  closed: "Esta conversa foi encerrada.",
  closedByYou: "Você encerrou esta conversa.",
  closedByAttendant: "O atendente encerrou esta conversa.",
  closedBySystem: "A conversa foi encerrada por inatividade.",
  newChat: "Iniciar nova conversa",
  sessionExpired: "Sua sessão expirou. Inicie uma nova conversa.",
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

/** Every panel string, per language. English must have the same keys as pt-BR. */
export type PanelText = typeof ptBR;

export const panelText: Record<Lang, PanelText> = {
  "pt-BR": ptBR,
  en: {
    title: "Support",
    minimize: "Minimize chat",
    loading: "Loading…",
    loadFailed: "The chat could not be loaded. Please try again shortly.",
    greeting: "Hello! Fill in the fields below to talk to our team.",
    name: "Name",
    email: "E-mail",
    department: "Department",
    offlineSuffix: " (offline)",
    firstMessage: "How can we help?",
    start: "Start chat",
    starting: "Starting…",
    offline: "No agents are available right now. Please try again later.",
    compose: "Message",
    composePlaceholder: "Type your message…",
    send: "Send message",
    endChat: "End chat",
    messages: "Messages",
    tooLong: (length, max) =>
      `Your message has ${length.toLocaleString("en")} characters; the limit is ${max.toLocaleString("en")}.`,
    counter: (length, max) => `${length.toLocaleString("en")} / ${max.toLocaleString("en")}`,
    connecting: "Connecting…",
    reconnecting: "Connection lost. Reconnecting…",
    waiting: "Waiting for an agent…",
    waitingOffline: "Waiting for an agent. No agents are online right now.",
    joined: (name) => `${name} joined the chat.`,
    typing: (name) => `${name} is typing…`,
    pending: "Sending…",
    sent: "Sent",
    delivered: "Delivered",
    read: "Read",
    failed: "Not sent.",
    retry: "Try again",
    closed: "This chat has ended.",
    closedByYou: "You ended this chat.",
    closedByAttendant: "The agent ended this chat.",
    closedBySystem: "The chat was closed for inactivity.",
    newChat: "Start a new chat",
    sessionExpired: "Your session has expired. Please start a new chat.",
    errors: {
      unknown_department: "Department not found.",
      department_offline: "This department is offline right now. Choose another one or try later.",
      rate_limited: "Too many attempts. Please wait a moment and try again.",
      bad_request: "Please check the information you entered.",
      network: "Cannot reach the server. Please try again.",
      unsupported_version: "This chat version is out of date. Please reload the page.",
      generic: "Something went wrong. Please try again.",
    },
  },
};
