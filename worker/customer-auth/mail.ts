/**
 * The e-mails of the Painel do Cliente, in pt-BR, English or Spanish: the sign-up's
 * confirmation, "you already have an account", the invitation and the password reset. Each goes
 * through the account's outbox (`sendEmail`); the link is the only thing in it that proves
 * anything, so nothing else of the account's data is written into it.
 */
import { html } from "../email/compose";
import { sendEmail } from "../email/send";
import { emailSettingsView } from "../email/settings";
import type { Env } from "../env";
import { ApiError } from "../errors";
import type { Lang } from "../settings/look";

export type PanelMailKind = "confirm" | "existing" | "invite" | "reset";

interface MailText {
  subject: string;
  intro: string;
  action: string;
  outro: string;
}

const TEXTS: Record<Lang, Record<PanelMailKind, MailText>> = {
  "pt-BR": {
    confirm: { subject: "Confirme seu cadastro no Painel do Cliente de {company}", intro: "Olá, {name}! Para ativar seu acesso ao Painel do Cliente de {company}, confirme seu e-mail:", action: "Confirmar meu e-mail", outro: "O link vale por 24 horas. Se não foi você, ignore este e-mail." },
    existing: { subject: "Você já tem acesso ao Painel do Cliente de {company}", intro: "Olá! Alguém tentou criar um cadastro com este e-mail, mas você já tem acesso ao Painel do Cliente de {company}. Esqueceu a senha? Crie uma nova:", action: "Redefinir minha senha", outro: "Se não foi você, ignore este e-mail: nada mudou." },
    invite: { subject: "Convite para o Painel do Cliente de {company}", intro: "Olá, {name}! {company} convidou você para o Painel do Cliente, onde você acompanha seus chamados e conversas. Escolha sua senha:", action: "Aceitar o convite", outro: "O convite vale por 7 dias." },
    reset: { subject: "Redefinição de senha do Painel do Cliente de {company}", intro: "Olá, {name}! Recebemos um pedido para redefinir sua senha do Painel do Cliente de {company}:", action: "Escolher uma nova senha", outro: "O link vale por 2 horas. Se não foi você, ignore este e-mail: sua senha continua a mesma." },
  },
  en: {
    confirm: { subject: "Confirm your sign-up to {company}'s Customer Panel", intro: "Hello, {name}! To activate your access to {company}'s Customer Panel, confirm your e-mail:", action: "Confirm my e-mail", outro: "The link works for 24 hours. If this was not you, ignore this e-mail." },
    existing: { subject: "You already have access to {company}'s Customer Panel", intro: "Hello! Someone tried to sign up with this e-mail, but you already have access to {company}'s Customer Panel. Forgot your password? Choose a new one:", action: "Reset my password", outro: "If this was not you, ignore this e-mail: nothing changed." },
    invite: { subject: "Invitation to {company}'s Customer Panel", intro: "Hello, {name}! {company} invited you to its Customer Panel, where you follow your tickets and chats. Choose your password:", action: "Accept the invitation", outro: "The invitation works for 7 days." },
    reset: { subject: "Password reset for {company}'s Customer Panel", intro: "Hello, {name}! We received a request to reset your password for {company}'s Customer Panel:", action: "Choose a new password", outro: "The link works for 2 hours. If this was not you, ignore this e-mail: your password stays the same." },
  },
  es: {
    confirm: { subject: "Confirma tu registro en el Panel del Cliente de {company}", intro: "¡Hola, {name}! Para activar tu acceso al Panel del Cliente de {company}, confirma tu correo:", action: "Confirmar mi correo", outro: "El enlace vale por 24 horas. Si no fuiste tú, ignora este correo." },
    existing: { subject: "Ya tienes acceso al Panel del Cliente de {company}", intro: "¡Hola! Alguien intentó registrarse con este correo, pero ya tienes acceso al Panel del Cliente de {company}. ¿Olvidaste tu contraseña? Elige una nueva:", action: "Restablecer mi contraseña", outro: "Si no fuiste tú, ignora este correo: nada cambió." },
    invite: { subject: "Invitación al Panel del Cliente de {company}", intro: "¡Hola, {name}! {company} te invitó a su Panel del Cliente, donde sigues tus tickets y conversaciones. Elige tu contraseña:", action: "Aceptar la invitación", outro: "La invitación vale por 7 días." },
    reset: { subject: "Restablecimiento de contraseña del Panel del Cliente de {company}", intro: "¡Hola, {name}! Recibimos una solicitud para restablecer tu contraseña del Panel del Cliente de {company}:", action: "Elegir una nueva contraseña", outro: "El enlace vale por 2 horas. Si no fuiste tú, ignora este correo: tu contraseña sigue igual." },
  },
};

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** 409 `email_not_configured` unless the account can send e-mail. */
export async function requireOutboundEmail(env: Env, accountId: string): Promise<void> {
  if (!(await emailSettingsView(env.DB, accountId)).configured) {
    throw new ApiError(409, "email_not_configured", "This account cannot send e-mail yet");
  }
}

/** Whether the account can send e-mail. */
export async function canSendEmail(env: Env, accountId: string): Promise<boolean> {
  return (await emailSettingsView(env.DB, accountId)).configured;
}

export interface PanelMail {
  kind: PanelMailKind;
  lang: Lang;
  company: string;
  to: string;
  name: string;
  url: string;
}

/** Queues the e-mail in the account's outbox. */
export async function sendPanelMail(env: Env, accountId: string, mail: PanelMail): Promise<void> {
  const t = TEXTS[mail.lang][mail.kind];
  const values = { company: mail.company, name: mail.name || mail.to };
  const intro = fill(t.intro, values);
  const outro = fill(t.outro, values);
  await sendEmail(env, accountId, {
    to: mail.to,
    ...(mail.name ? { toName: mail.name } : {}),
    subject: fill(t.subject, values),
    text: `${intro}\n\n${mail.url}\n\n${outro}\n`,
    html: html`<p>${intro}</p><p><a href="${mail.url}">${t.action}</a></p><p>${mail.url}</p><p>${outro}</p>`,
    ref: `customer-panel:${mail.kind}`,
  });
}
