/**
 * The widget's texts: Brazilian Portuguese by default, English and Spanish on request.
 *
 * Split in two dictionaries on purpose: the loader imports only `launcherText` (a handful of
 * strings), and esbuild drops the unused `panelText` from the loader bundle, which has to stay
 * under a few kilobytes.
 *
 * The keys the account may replace in the console (`TEXT_KEYS` of worker/settings/schema.ts)
 * have the same names here, so an override is a plain spread: `{ ...panelText[lang], ...texts }`.
 */
import { pickLang, type Lang, type TextKey } from "../worker/settings/look";

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
  queuePosition: (n: number) => `Você é o ${n}º da fila.`,
  queueClosed: "Nosso horário terminou. Sua conversa continua na fila.",
  backAt: (day: string, time: string) => `Voltamos ${day} às ${time}.`,
  compose: "Mensagem",
  composePlaceholder: "Escreva sua mensagem…",
  sendButton: "Enviar mensagem",
  endChat: "Encerrar conversa",
  messages: "Mensagens",
  tooLong: (length: number, max: number) => `Sua mensagem tem ${length} caracteres; o limite é ${max}.`,
  connecting: "Conectando…",
  reconnecting: "Conexão perdida. Reconectando…",
  waitingText: "Aguardando um atendente…",
  waitingOffline: "Aguardando um atendente. Nenhum atendente online no momento.",
  joined: (name: string) => `${name} entrou na conversa.`,
  typing: (name: string) => `${name} está digitando…`,
  pending: "Enviando…",
  sent: "Enviada",
  delivered: "Entregue",
  read: "Lida",
  failed: "Não enviada.",
  retry: "Tentar de novo",
  closedText: "Esta conversa foi encerrada.",
  closedByYou: "Você encerrou esta conversa.",
  closedByAttendant: "O atendente encerrou esta conversa.",
  closedByName: (name: string) => `Encerrado por ${name}.`,
  closedBySystem: "A conversa foi encerrada por inatividade.",
  inactivityWarning: "Este atendimento será encerrado em 1 minuto por inatividade.",
  newChatButton: "Iniciar nova conversa",
  sessionExpired: "Sua sessão expirou. Inicie uma nova conversa.",
  surveyTitle: "Avalie o atendimento",
  surveySolvedQuestion: "Seu problema foi resolvido?",
  yes: "Sim",
  no: "Não",
  surveyGradeQuestion: "Que nota você dá ao atendimento?",
  grades: ["Péssimo", "Ruim", "Regular", "Bom", "Ótimo"],
  surveyCommentLabel: "Comentário (opcional)",
  surveySubmit: "Enviar avaliação",
  surveyThanks: "Obrigado pela sua avaliação!",
  transcriptButton: "Receber a conversa por e-mail",
  transcriptSent: (email: string) => `Enviamos a conversa para ${email}.`,
  transcriptWait: "A conversa já foi enviada há pouco. Tente de novo em alguns minutos.",
  transcriptUnavailable: "O envio por e-mail não está disponível agora.",
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

/** Every panel string, per language. Each language has the same keys as pt-BR. */
export type PanelText = typeof ptBR;

// Compile-time check: every text the console can replace exists here, as a plain string.
ptBR satisfies Record<TextKey, string>;

export const panelText: Record<Lang, PanelText> = {
  "pt-BR": ptBR,
  en: {
    title: "Support",
    minimize: "Minimize chat",
    popout: "Open in a new tab",
    loading: "Loading…",
    loadFailed: "The chat could not be loaded. Please try again shortly.",
    greeting: "Hello! Fill in the fields below to talk to our team.",
    nameLabel: "Name",
    emailLabel: "E-mail",
    departmentLabel: "Department",
    offlineSuffix: " (offline)",
    messageLabel: "How can we help?",
    startButton: "Start chat",
    starting: "Starting…",
    offlineTitle: "We are offline",
    offlineText: "No agents are available right now. Leave a message and we will reply by e-mail.",
    backAt: (day: string, time: string) => `We are back ${day} at ${time}.`,
    offlineSent: "Message sent! We will reply by e-mail.",
    offlineBusy: "All our agents are busy. Leave a message and we will reply by e-mail.",
    queuePosition: (n) => `You are number ${n} in the queue.`,
    queueClosed: "Our hours are over. Your chat stays in the queue.",
    compose: "Message",
    composePlaceholder: "Type your message…",
    sendButton: "Send message",
    endChat: "End chat",
    messages: "Messages",
    tooLong: (length, max) => `Your message has ${length} characters; the limit is ${max}.`,
    connecting: "Connecting…",
    reconnecting: "Connection lost. Reconnecting…",
    waitingText: "Waiting for an agent…",
    waitingOffline: "Waiting for an agent. No agents are online right now.",
    joined: (name) => `${name} joined the chat.`,
    typing: (name) => `${name} is typing…`,
    pending: "Sending…",
    sent: "Sent",
    delivered: "Delivered",
    read: "Read",
    failed: "Not sent.",
    retry: "Try again",
    closedText: "This chat has ended.",
    closedByYou: "You ended this chat.",
    closedByAttendant: "The agent ended this chat.",
    closedByName: (name) => `Closed by ${name}.`,
    closedBySystem: "The chat was closed for inactivity.",
    inactivityWarning: "This chat will close in 1 minute due to inactivity.",
    newChatButton: "Start a new chat",
    sessionExpired: "Your session has expired. Please start a new chat.",
    surveyTitle: "Rate this chat",
    surveySolvedQuestion: "Was your problem solved?",
    yes: "Yes",
    no: "No",
    surveyGradeQuestion: "How would you rate the service?",
    grades: ["Very poor", "Poor", "Fair", "Good", "Excellent"],
    surveyCommentLabel: "Comment (optional)",
    surveySubmit: "Send rating",
    surveyThanks: "Thank you for your feedback!",
    transcriptButton: "Email me this chat",
    transcriptSent: (email: string) => `We sent the chat to ${email}.`,
    transcriptWait: "The chat was sent a moment ago. Try again in a few minutes.",
    transcriptUnavailable: "Sending by e-mail is not available right now.",
    history: "Previous conversations",
    back: "Back",
    chatNumber: (n) => `Chat #${n}`,
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
  es: {
    title: "Atención",
    minimize: "Minimizar chat",
    popout: "Abrir en una pestaña nueva",
    loading: "Cargando…",
    loadFailed: "No se pudo cargar el chat. Inténtelo de nuevo en unos instantes.",
    greeting: "¡Hola! Complete los campos para hablar con nuestro equipo.",
    nameLabel: "Nombre",
    emailLabel: "Correo electrónico",
    departmentLabel: "Departamento",
    offlineSuffix: " (desconectado)",
    messageLabel: "¿Cómo podemos ayudarle?",
    startButton: "Iniciar conversación",
    starting: "Iniciando…",
    offlineTitle: "Estamos desconectados",
    offlineText: "En este momento no hay agentes disponibles. Deje su mensaje y le responderemos por correo electrónico.",
    backAt: (day: string, time: string) => `Volvemos ${day && "el " + day} a las ${time}.`,
    offlineSent: "¡Mensaje enviado! Le responderemos por correo electrónico.",
    offlineBusy: "Todos los agentes están ocupados. Deje su mensaje y le responderemos por correo electrónico.",
    queuePosition: (n) => `Usted es el número ${n} en la cola.`,
    queueClosed: "Terminó nuestro horario. Su conversación sigue en la cola.",
    compose: "Mensaje",
    composePlaceholder: "Escriba su mensaje…",
    sendButton: "Enviar mensaje",
    endChat: "Terminar conversación",
    messages: "Mensajes",
    tooLong: (length, max) => `Su mensaje tiene ${length} caracteres; el límite es ${max}.`,
    connecting: "Conectando…",
    reconnecting: "Se perdió la conexión. Reconectando…",
    waitingText: "Esperando a un agente…",
    waitingOffline: "Esperando a un agente. No hay agentes conectados en este momento.",
    joined: (name) => `${name} se unió a la conversación.`,
    typing: (name) => `${name} está escribiendo…`,
    pending: "Enviando…",
    sent: "Enviado",
    delivered: "Entregado",
    read: "Leído",
    failed: "No enviado.",
    retry: "Reintentar",
    closedText: "Esta conversación ha terminado.",
    closedByYou: "Usted terminó esta conversación.",
    closedByAttendant: "El agente terminó esta conversación.",
    closedByName: (name) => `Cerrado por ${name}.`,
    closedBySystem: "La conversación se cerró por inactividad.",
    inactivityWarning: "Esta atención se cerrará en 1 minuto por inactividad.",
    newChatButton: "Iniciar una nueva conversación",
    sessionExpired: "Su sesión expiró. Inicie una nueva conversación.",
    surveyTitle: "Evalúe la atención",
    surveySolvedQuestion: "¿Se resolvió su problema?",
    yes: "Sí",
    no: "No",
    surveyGradeQuestion: "¿Qué nota le da a la atención?",
    grades: ["Pésimo", "Malo", "Regular", "Bueno", "Excelente"],
    surveyCommentLabel: "Comentario (opcional)",
    surveySubmit: "Enviar evaluación",
    surveyThanks: "¡Gracias por su evaluación!",
    transcriptButton: "Recibir la conversación por correo",
    transcriptSent: (email: string) => `Enviamos la conversación a ${email}.`,
    transcriptWait: "La conversación se envió hace poco. Inténtelo de nuevo en unos minutos.",
    transcriptUnavailable: "El envío por correo no está disponible ahora.",
    history: "Conversaciones anteriores",
    back: "Volver",
    chatNumber: (n) => `Conversación n.º ${n}`,
    errors: {
      unknown_department: "Departamento no encontrado.",
      department_offline: "Este departamento no está disponible ahora. Elija otro o inténtelo más tarde.",
      rate_limited: "Demasiados intentos. Espere un momento e inténtelo de nuevo.",
      bad_request: "Revise los datos ingresados.",
      network: "No hay conexión con el servidor. Inténtelo de nuevo.",
      unsupported_version: "Esta versión del chat está desactualizada. Recargue la página.",
      generic: "Algo salió mal. Inténtelo de nuevo.",
    },
  },
};

/**
 * The texts to show: the language's built-in ones, then the account's (or department's)
 * replacements. A replaced closing text replaces every variant of it.
 */
export function textsFor(lang: Lang, overrides: Partial<Record<TextKey, string>> | undefined): PanelText {
  const base = panelText[lang];
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
