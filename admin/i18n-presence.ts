/**
 * Console texts of the customer's presence (on the page / left N min ago / never opened the chat), abandoned chats and
 * their policy, in pt-BR (the default), English and Spanish.
 */
export const presencePtBR = {
  "presence.here": "No site",
  "presence.leftNow": "Saiu agora",
  "presence.leftMinutes": "Saiu há {n} min",
  "presence.leftOne": "Saiu há 1 min",
  "presence.neverCame": "Não abriu o chat",
  "presence.label": "Presença do cliente: {state}",
  "history.abandoned": "Abandonado",
  "policies.abandon": "Tirar da fila como abandonado após o cliente sair (minutos)",
  "policies.abandonHint": "De {min} a {max}. Vazio: 10. Se o cliente voltar, o chat volta ao seu lugar na fila.",
  "policies.error.abandon": "Use um número inteiro de 1 a 1440, ou deixe vazio.",
};

export const presenceEn: Record<keyof typeof presencePtBR, string> = {
  "presence.here": "On the page",
  "presence.leftNow": "Just left",
  "presence.leftMinutes": "Left {n} min ago",
  "presence.leftOne": "Left 1 min ago",
  "presence.neverCame": "Never opened the chat",
  "presence.label": "Customer presence: {state}",
  "history.abandoned": "Abandoned",
  "policies.abandon": "Take out of the queue as abandoned after the customer left (minutes)",
  "policies.abandonHint": "From {min} to {max}. Empty: 10. If the customer returns, the chat gets its place in the queue back.",
  "policies.error.abandon": "Use a whole number from 1 to 1440, or leave it empty.",
};

export const presenceEs: Record<keyof typeof presencePtBR, string> = {
  "presence.here": "En el sitio",
  "presence.leftNow": "Acaba de salir",
  "presence.leftMinutes": "Salió hace {n} min",
  "presence.leftOne": "Salió hace 1 min",
  "presence.neverCame": "No abrió el chat",
  "presence.label": "Presencia del cliente: {state}",
  "history.abandoned": "Abandonado",
  "policies.abandon": "Sacar de la cola como abandonado tras la salida del cliente (minutos)",
  "policies.abandonHint": "De {min} a {max}. Vacío: 10. Si el cliente vuelve, el chat recupera su lugar en la cola.",
  "policies.error.abandon": "Use un número entero de 1 a 1440, o déjelo vacío.",
};
