/**
 * The Portuguese texts of a chat under way (its status line, messages, input, end and survey),
 * in `/widget-chat.js` (chat-chunk.ts adds them to the panel's, i18n.ts `addPortuguese`): the
 * pre-chat form does not need them. English and Spanish keep all their texts in one script.
 */
import { closerRole } from "./i18n";

export const ptChat = {
  queuePosition: (n: number) => `Você é o ${n}º da fila.`,
  compose: "Mensagem",
  composePlaceholder: "Escreva sua mensagem…",
  endChat: "Encerrar conversa",
  endConfirm: "Encerrar a conversa?",
  endYes: "Encerrar",
  cancel: "Cancelar",
  connecting: "Conectando…",
  reconnecting: "Conexão perdida. Reconectando…",
  waitingText: "Aguardando um atendente…",
  waitingOffline: "Aguardando um atendente. Nenhum atendente online no momento.",
  joined: (name: string) => `${name} entrou na conversa.`,
  typing: (name: string) => `${name} está digitando…`,
  sent: "Enviada",
  delivered: "Entregue",
  read: "Lida",
  attach: "Anexar arquivo",
  emoji: "Inserir emoji",
  closedByYou: "Você encerrou esta conversa.",
  closedByAttendant: "O atendente encerrou esta conversa.",
  closedByName: (name: string, role?: string) => `Encerrado por ${name}${role ? ` (${closerRole(role, ["administrador", "gerente", "atendente"])})` : ""}.`,
  closedBySystem: "A conversa foi encerrada por inatividade.",
  inactivityWarning: "Este atendimento será encerrado em 1 minuto por inatividade.",
  newChatButton: "Iniciar nova conversa",
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
};

export type PtChat = typeof ptChat;
