/**
 * Console texts in Brazilian Portuguese (the default), English and Spanish. The chosen language
 * is kept in localStorage; product names stay in Portuguese in all three ("Atendimento Online",
 * "Histórico", "Personalizar chat"…). The customer chat's settings and results have their own
 * file, like Gestão's pages and the Spanish core texts.
 */
import { chatSettingsEn, chatSettingsEs, chatSettingsPtBR } from "./i18n-chat-settings";
import { coreEs } from "./i18n-core-es";
import { emailEn, emailEs, emailPtBR } from "./i18n-email";
import { gestaoAccountEn, gestaoAccountEs, gestaoAccountPtBR } from "./i18n-gestao-account";
import { gestaoPeopleEn, gestaoPeopleEs, gestaoPeoplePtBR } from "./i18n-gestao-people";
import { hoursEn, hoursEs, hoursPtBR } from "./i18n-hours";
import { supervisionEn, supervisionEs, supervisionPtBR } from "./i18n-supervision";
import { transferEn, transferEs, transferPtBR } from "./i18n-transfer";
import { offlineThreadEn, offlineThreadEs, offlineThreadPtBR } from "./i18n-offline";
import { ticketsEn, ticketsEs, ticketsPtBR } from "./i18n-tickets";
import { historySearchEn, historySearchEs, historySearchPtBR } from "./i18n-history";
import { labelsEn, labelsEs, labelsPtBR } from "./i18n-labels";
import { surfacesEn, surfacesEs, surfacesPtBR } from "./i18n-surfaces";
import { kbEn, kbEs, kbPtBR } from "./i18n-kb";
import { panelInviteEn, panelInviteEs, panelInvitePtBR } from "./i18n-panel";
import { attachmentsEn, attachmentsEs, attachmentsPtBR } from "./i18n-attachments";
import { alertsEn, alertsEs, alertsPtBR } from "./i18n-alerts";
import { cannedEn, cannedEs, cannedPtBR } from "./i18n-canned";
import { presenceEn, presenceEs, presencePtBR } from "./i18n-presence";
import { consoleQualityEn, consoleQualityEs, consoleQualityPtBR } from "./i18n-console-quality";
import { settingsConflictEn, settingsConflictEs, settingsConflictPtBR } from "./i18n-settings-conflict";
import { queueEn, queueEs, queuePtBR } from "./i18n-queue";

const corePtBR = {
  "app.title": "Atendimento Online",
  "app.loading": "Carregando…",
  "app.language": "Idioma",
  "login.heading": "Entrar no console",
  "login.email": "E-mail",
  "login.password": "Senha",
  "login.submit": "Entrar",
  "login.submitting": "Entrando…",
  "login.invalid": "E-mail ou senha incorretos.",
  "login.rateLimited": "Muitas tentativas. Aguarde um pouco e tente novamente.",
  "login.expired": "Sua sessão expirou. Entre novamente.",
  "error.network": "Sem conexão com o servidor. Tente novamente.",
  "error.generic": "Algo deu errado. Tente novamente.",
  "role.administrator": "Administrador",
  "role.department_manager": "Gerente de departamento",
  "role.attendant": "Atendente",
  "status.available": "Disponível para atendimento",
  "status.online": "Online",
  "status.offline": "Offline",
  "header.logout": "Sair",
  "nav.label": "Seções",
  "nav.live": "Atendimento Online",
  "nav.history": "Histórico",
  "nav.offline": "Mensagens Offline",
  "nav.gestao": "Gestão",
  "nav.profile": "Meu perfil",
  "gestao.menu": "Gestão",
  "gestao.departments": "Departamentos",
  "gestao.hours": "Horários de Atendimento",
  "gestao.attendants": "Atendentes",
  "gestao.customers": "Clientes",
  "gestao.account": "Configurações da Conta",
  "gestao.audit": "Auditoria",
  "conn.connecting": "Conectando a {department}…",
  "conn.reconnecting": "Sem conexão com {department}. Reconectando…",
  "conn.stopped": "Conexão com {department} encerrada. Recarregue a página.",
  "queue.heading": "Fila de espera",
  "queue.empty": "Nenhum cliente aguardando.",
  "queue.accept": "Atender",
  "queue.acceptLabel": "Atender {name} (#{number})",
  "queue.waiting": "aguardando há {time}",
  "mine.heading": "Meus atendimentos",
  "mine.empty": "Nenhum atendimento em andamento.",
  "others.heading": "Outros atendentes",
  "others.empty": "Nenhum outro atendimento em andamento.",
  "presence.heading": "Atendentes",
  "presence.departmentOnline": "online",
  "presence.departmentOffline": "offline",
  "presence.none": "Nenhum atendente.",
  "chat.select": "Selecione um atendimento na lista.",
  "chat.back": "Voltar",
  "chat.customer": "Cliente",
  "chat.email": "E-mail",
  "chat.page": "Página",
  "chat.department": "Departamento",
  "chat.status": "Situação",
  "chat.waitingStatus": "Aguardando atendimento",
  "chat.attendedBy": "Atendido por {name}",
  "chat.close": "Encerrar",
  "chat.dismiss": "Remover da lista",
  "chat.closed": "Atendimento encerrado.",
  "chat.closedBy.customer": "Atendimento encerrado pelo cliente.",
  "chat.closedBy.attendant": "Atendimento encerrado pelo atendente.",
  "chat.closedBy.system": "Atendimento encerrado automaticamente.",
  "chat.closedBadge": "Encerrado",
  "chat.unread": "{n} não lidas",
  "chat.unreadOne": "1 não lida",
  "chat.typing": "{name} está digitando…",
  "chat.loading": "Carregando mensagens…",
  "chat.readOnly": "Você está acompanhando este atendimento.",
  "messages.label": "Mensagens",
  "messages.empty": "Nenhuma mensagem.",
  "message.you": "Você",
  "message.system": "Sistema",
  "message.pending": "Enviando…",
  "message.failed": "Não enviada.",
  "message.retry": "Tentar de novo",
  "message.sent": "Enviada",
  "message.delivered": "Entregue",
  "message.read": "Lida",
  "compose.label": "Mensagem",
  "compose.placeholder": "Escreva uma mensagem",
  "compose.keys": "Enter envia, Shift+Enter quebra a linha",
  "compose.send": "Enviar",
  "compose.tooLong": "Mensagem longa demais ({n}/{max}).",
  "notice.chatTaken": "Este atendimento foi assumido por outro atendente.",
  "notice.takenBy": "{name} assumiu o atendimento #{number}.",
  "notice.chatClosed": "Este atendimento já foi encerrado.",
  "notice.forbidden": "Você não tem permissão para esta ação.",
  "notice.notFound": "Atendimento não encontrado.",
  "notice.unsupported": "Versão do console incompatível com o servidor. Recarregue a página.",
  "notice.error": "Erro: {message}",
  "notice.statusFailed": "Não foi possível mudar seu status.",
  "notice.dismiss": "Fechar aviso",
  "notices.label": "Avisos",
  "history.heading": "Histórico",
  "history.filters": "Filtros",
  "history.department": "Departamento",
  "history.allDepartments": "Todos",
  "history.apply": "Filtrar",
  "history.empty": "Nenhum atendimento encerrado.",
  "history.loading": "Carregando…",
  "history.prev": "Anterior",
  "history.next": "Próxima",
  "history.page": "Página {n}",
  "history.messages": "{n} mensagens",
  "history.oneMessage": "1 mensagem",
  "history.closedAt": "Encerrado em {date}",
  "history.noAttendant": "Sem atendente",
  "offline.heading": "Mensagens Offline",
  "offline.note": "Mensagens deixadas no chat enquanto ninguém estava online. Esta lista é só para leitura e o console ainda não envia respostas: “Responder por e-mail” abre o seu programa de e-mail já com o endereço do cliente.",
  "offline.filters": "Filtros",
  "offline.department": "Departamento",
  "offline.allDepartments": "Todos",
  "offline.noDepartment": "Sem departamento",
  "offline.apply": "Filtrar",
  "offline.empty": "Nenhuma mensagem offline.",
  "offline.loading": "Carregando…",
  "offline.prev": "Anterior",
  "offline.next": "Próxima",
  "offline.pageN": "Página {n}",
  "transcript.back": "Voltar ao histórico",
  "transcript.heading": "Atendimento #{number}",
  "transcript.started": "Iniciado em {date}",
  "transcript.empty": "Sem mensagens.",
  "time.lessThanMinute": "menos de 1 min",
  "time.minutes": "{n} min",
  "time.hours": "{h} h {m} min",
} as const;

const ptBR = { ...corePtBR, ...chatSettingsPtBR, ...gestaoPeoplePtBR, ...gestaoAccountPtBR, ...hoursPtBR, ...transferPtBR, ...supervisionPtBR, ...offlineThreadPtBR, ...emailPtBR, ...ticketsPtBR, ...historySearchPtBR, ...labelsPtBR, ...surfacesPtBR, ...kbPtBR, ...panelInvitePtBR, ...attachmentsPtBR, ...alertsPtBR, ...cannedPtBR, ...presencePtBR, ...consoleQualityPtBR, ...settingsConflictPtBR, ...queuePtBR };

/** A text's key. */
export type MessageKey = keyof typeof ptBR;
/** A key of the core texts (the ones in this file), for the Spanish core in i18n-core-es.ts. */
export type CoreKey = keyof typeof corePtBR;

const coreEn: Record<keyof typeof corePtBR, string> = {
  "app.title": "Atendimento Online",
  "app.loading": "Loading…",
  "app.language": "Language",
  "login.heading": "Sign in to the console",
  "login.email": "E-mail",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.invalid": "Incorrect e-mail or password.",
  "login.rateLimited": "Too many attempts. Wait a moment and try again.",
  "login.expired": "Your session has expired. Please sign in again.",
  "error.network": "Cannot reach the server. Try again.",
  "error.generic": "Something went wrong. Try again.",
  "role.administrator": "Administrator",
  "role.department_manager": "Department manager",
  "role.attendant": "Attendant",
  "status.available": "Available for chats",
  "status.online": "Online",
  "status.offline": "Offline",
  "header.logout": "Log out",
  "nav.label": "Sections",
  "nav.live": "Atendimento Online (Live chat)",
  "nav.history": "Histórico (History)",
  "nav.offline": "Mensagens Offline (Offline messages)",
  "nav.gestao": "Gestão (Management)",
  "nav.profile": "My profile",
  "gestao.menu": "Gestão (Management)",
  "gestao.departments": "Departamentos (Departments)",
  "gestao.hours": "Horários de Atendimento (Business hours)",
  "gestao.attendants": "Atendentes (Attendants)",
  "gestao.customers": "Clientes (Customers)",
  "gestao.account": "Configurações da Conta (Account settings)",
  "gestao.audit": "Auditoria (Audit log)",
  "conn.connecting": "Connecting to {department}…",
  "conn.reconnecting": "Connection to {department} lost. Reconnecting…",
  "conn.stopped": "Connection to {department} ended. Reload the page.",
  "queue.heading": "Queue",
  "queue.empty": "No customers waiting.",
  "queue.accept": "Accept",
  "queue.acceptLabel": "Accept {name} (#{number})",
  "queue.waiting": "waiting for {time}",
  "mine.heading": "My chats",
  "mine.empty": "No chats in progress.",
  "others.heading": "Other attendants",
  "others.empty": "No other chats in progress.",
  "presence.heading": "Attendants",
  "presence.departmentOnline": "online",
  "presence.departmentOffline": "offline",
  "presence.none": "No attendants.",
  "chat.select": "Select a chat from the list.",
  "chat.back": "Back",
  "chat.customer": "Customer",
  "chat.email": "E-mail",
  "chat.page": "Page",
  "chat.department": "Department",
  "chat.status": "Status",
  "chat.waitingStatus": "Waiting for an attendant",
  "chat.attendedBy": "Handled by {name}",
  "chat.close": "Close chat",
  "chat.dismiss": "Remove from list",
  "chat.closed": "Chat closed.",
  "chat.closedBy.customer": "Chat closed by the customer.",
  "chat.closedBy.attendant": "Chat closed by the attendant.",
  "chat.closedBy.system": "Chat closed automatically.",
  "chat.closedBadge": "Closed",
  "chat.unread": "{n} unread",
  "chat.unreadOne": "1 unread",
  "chat.typing": "{name} is typing…",
  "chat.loading": "Loading messages…",
  "chat.readOnly": "You are following this chat.",
  "messages.label": "Messages",
  "messages.empty": "No messages.",
  "message.you": "You",
  "message.system": "System",
  "message.pending": "Sending…",
  "message.failed": "Not sent.",
  "message.retry": "Retry",
  "message.sent": "Sent",
  "message.delivered": "Delivered",
  "message.read": "Read",
  "compose.label": "Message",
  "compose.placeholder": "Write a message",
  "compose.keys": "Enter sends, Shift+Enter adds a line",
  "compose.send": "Send",
  "compose.tooLong": "Message too long ({n}/{max}).",
  "notice.chatTaken": "This chat was taken by another attendant.",
  "notice.takenBy": "{name} took chat #{number}.",
  "notice.chatClosed": "This chat is already closed.",
  "notice.forbidden": "You are not allowed to do that.",
  "notice.notFound": "Chat not found.",
  "notice.unsupported": "This console does not match the server's version. Reload the page.",
  "notice.error": "Error: {message}",
  "notice.statusFailed": "Could not change your status.",
  "notice.dismiss": "Dismiss notice",
  "notices.label": "Notices",
  "history.heading": "Histórico (History)",
  "history.filters": "Filters",
  "history.department": "Department",
  "history.allDepartments": "All",
  "history.apply": "Filter",
  "history.empty": "No closed chats.",
  "history.loading": "Loading…",
  "history.prev": "Previous",
  "history.next": "Next",
  "history.page": "Page {n}",
  "history.messages": "{n} messages",
  "history.oneMessage": "1 message",
  "history.closedAt": "Closed on {date}",
  "history.noAttendant": "No attendant",
  "offline.heading": "Mensagens Offline (Offline messages)",
  "offline.note": "Messages left in the chat while nobody was online. This list is read-only and the console does not send replies yet: “Reply by e-mail” opens your mail client with the customer's address filled in.",
  "offline.filters": "Filters",
  "offline.department": "Department",
  "offline.allDepartments": "All",
  "offline.noDepartment": "No department",
  "offline.apply": "Filter",
  "offline.empty": "No offline messages.",
  "offline.loading": "Loading…",
  "offline.prev": "Previous",
  "offline.next": "Next",
  "offline.pageN": "Page {n}",
  "transcript.back": "Back to history",
  "transcript.heading": "Chat #{number}",
  "transcript.started": "Started on {date}",
  "transcript.empty": "No messages.",
  "time.lessThanMinute": "less than 1 min",
  "time.minutes": "{n} min",
  "time.hours": "{h} h {m} min",
};

const en: Record<MessageKey, string> = { ...coreEn, ...chatSettingsEn, ...gestaoPeopleEn, ...gestaoAccountEn, ...hoursEn, ...transferEn, ...supervisionEn, ...offlineThreadEn, ...emailEn, ...ticketsEn, ...historySearchEn, ...labelsEn, ...surfacesEn, ...kbEn, ...panelInviteEn, ...attachmentsEn, ...alertsEn, ...cannedEn, ...presenceEn, ...consoleQualityEn, ...settingsConflictEn, ...queueEn };
const es: Record<MessageKey, string> = { ...coreEs, ...chatSettingsEs, ...gestaoPeopleEs, ...gestaoAccountEs, ...hoursEs, ...transferEs, ...supervisionEs, ...offlineThreadEs, ...emailEs, ...ticketsEs, ...historySearchEs, ...labelsEs, ...surfacesEs, ...kbEs, ...panelInviteEs, ...attachmentsEs, ...alertsEs, ...cannedEs, ...presenceEs, ...consoleQualityEs, ...settingsConflictEs, ...queueEs };

export const LOCALES = ["pt-BR", "en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "pt-BR": ptBR, en, es };

/** Every text of a language (for the tests that check the dictionaries are complete). */
export function dictionary(locale: Locale): Readonly<Record<MessageKey, string>> {
  return dictionaries[locale];
}
const STORAGE_KEY = "atendimento-online:console-locale";

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

function savedLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be blocked (privacy settings): fall back to the default.
  }
  return "pt-BR";
}

let current: Locale = savedLocale();

/** The language in use. */
export function getLocale(): Locale {
  return current;
}

/** Switches the language and remembers it; callers re-render. */
export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across reloads; the switch still applies now.
  }
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
