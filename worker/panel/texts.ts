/**
 * Texts of the Painel do Cliente's pages in pt-BR (the default), English and Spanish. The
 * product's name stays recognisable: "Painel do Cliente", "Customer Panel", "Panel del Cliente".
 * Messages the form script shows travel as `data-` attributes of the page (layout.ts).
 */
import type { Lang } from "../settings/look";

export interface PanelTexts {
  product: string;
  languages: string;
  skip: string;
  nav: { label: string; tickets: string; newTicket: string; chats: string; logout: string };
  login: { title: string; intro: string; submit: string; forgot: string; noAccount: string; signup: string };
  signup: { title: string; intro: string; submit: string; done: string; haveAccount: string };
  confirm: { title: string; intro: string; submit: string };
  invite: { title: string; intro: string; submit: string };
  forgot: { title: string; intro: string; submit: string; done: string; back: string };
  reset: { title: string; intro: string; submit: string };
  badLink: { title: string; invalid: string; expired: string; back: string };
  fields: { name: string; email: string; password: string; newPassword: string; passwordHint: string; subject: string; message: string; department: string; anyDepartment: string; reply: string };
  tickets: { title: string; empty: string; number: string; subject: string; status: string; department: string; updated: string; newer: string; older: string; open: string; send: string; sent: string; create: string; back: string; thread: string; you: string };
  ticketStatus: Record<"new" | "in_progress" | "waiting_customer" | "closed", string>;
  chats: { title: string; empty: string; started: string; status: string; department: string; back: string; transcript: string; noMessages: string };
  chatStatus: Record<"waiting" | "active" | "closed", string>;
  notFound: string;
  /** By error code (or field, for bad input), what the form script shows. */
  messages: Record<"invalidCredentials" | "rateLimited" | "emailNotConfigured" | "tokenInvalid" | "tokenExpired" | "badName" | "badEmail" | "badPassword" | "badSubject" | "badMessage" | "badBody" | "unknownDepartment" | "network" | "generic", string>;
}

const ptBR: PanelTexts = {
  product: "Painel do Cliente",
  languages: "Idioma",
  skip: "Ir para o conteúdo",
  nav: { label: "Painel do Cliente", tickets: "Chamados", newTicket: "Novo chamado", chats: "Conversas", logout: "Sair" },
  login: { title: "Entrar", intro: "Acompanhe seus chamados e conversas.", submit: "Entrar", forgot: "Esqueci minha senha", noAccount: "Ainda não tem acesso?", signup: "Cadastre-se" },
  signup: { title: "Cadastro", intro: "Crie seu acesso com o e-mail que você usa conosco.", submit: "Cadastrar", done: "Enviamos um link de confirmação para o seu e-mail. Abra-o para ativar o acesso.", haveAccount: "Já tem acesso? Entrar" },
  confirm: { title: "Confirmar cadastro", intro: "Confirme seu e-mail para ativar o acesso ao Painel do Cliente.", submit: "Confirmar e entrar" },
  invite: { title: "Convite", intro: "Você foi convidado(a) para o Painel do Cliente como {email}. Escolha sua senha.", submit: "Aceitar convite" },
  forgot: { title: "Esqueci minha senha", intro: "Informe seu e-mail e enviaremos um link para criar uma nova senha.", submit: "Enviar link", done: "Se este e-mail tiver acesso, o link chegará em instantes.", back: "Voltar para entrar" },
  reset: { title: "Nova senha", intro: "Escolha sua nova senha.", submit: "Salvar senha e entrar" },
  badLink: { title: "Link indisponível", invalid: "Este link não é válido: já foi usado ou não existe.", expired: "Este link expirou. Peça um novo.", back: "Ir para a página de entrada" },
  fields: { name: "Nome", email: "E-mail", password: "Senha", newPassword: "Nova senha", passwordHint: "Pelo menos 10 caracteres.", subject: "Assunto", message: "Mensagem", department: "Departamento", anyDepartment: "Qualquer departamento", reply: "Sua resposta" },
  tickets: { title: "Meus chamados", empty: "Você ainda não tem chamados.", number: "Nº", subject: "Assunto", status: "Situação", department: "Departamento", updated: "Atualizado em", newer: "Mais recentes", older: "Mais antigos", open: "Abrir chamado", send: "Enviar resposta", sent: "Resposta enviada.", create: "Novo chamado", back: "Voltar aos chamados", thread: "Conversa do chamado", you: "Você" },
  ticketStatus: { new: "Novo", in_progress: "Em atendimento", waiting_customer: "Aguardando você", closed: "Resolvido" },
  chats: { title: "Minhas conversas", empty: "Você ainda não tem conversas.", started: "Início", status: "Situação", department: "Departamento", back: "Voltar às conversas", transcript: "Transcrição", noMessages: "Nenhuma mensagem." },
  chatStatus: { waiting: "Na fila", active: "Em andamento", closed: "Encerrada" },
  notFound: "Página não encontrada.",
  messages: {
    invalidCredentials: "E-mail ou senha incorretos.",
    rateLimited: "Muitas tentativas. Aguarde um pouco e tente de novo.",
    emailNotConfigured: "O cadastro ainda não está disponível. Fale com a gente pelo chat.",
    tokenInvalid: "Este link não é válido: já foi usado ou não existe.",
    tokenExpired: "Este link expirou. Peça um novo.",
    badName: "Informe seu nome.",
    badEmail: "Informe um e-mail válido.",
    badPassword: "A senha precisa ter pelo menos 10 caracteres.",
    badSubject: "Informe um assunto (uma linha).",
    badMessage: "Escreva sua mensagem.",
    badBody: "Escreva sua resposta.",
    unknownDepartment: "Escolha um departamento da lista.",
    network: "Não foi possível falar com o servidor. Verifique sua conexão.",
    generic: "Algo deu errado. Tente de novo.",
  },
};

const en: PanelTexts = {
  product: "Customer Panel",
  languages: "Language",
  skip: "Skip to content",
  nav: { label: "Customer Panel", tickets: "Tickets", newTicket: "New ticket", chats: "Chats", logout: "Log out" },
  login: { title: "Log in", intro: "Follow your tickets and chats.", submit: "Log in", forgot: "I forgot my password", noAccount: "No access yet?", signup: "Sign up" },
  signup: { title: "Sign up", intro: "Create your access with the e-mail you use with us.", submit: "Sign up", done: "We sent a confirmation link to your e-mail. Open it to activate your access.", haveAccount: "Already have access? Log in" },
  confirm: { title: "Confirm sign-up", intro: "Confirm your e-mail to activate your access to the Customer Panel.", submit: "Confirm and log in" },
  invite: { title: "Invitation", intro: "You were invited to the Customer Panel as {email}. Choose your password.", submit: "Accept invitation" },
  forgot: { title: "I forgot my password", intro: "Enter your e-mail and we will send a link to choose a new password.", submit: "Send link", done: "If this e-mail has access, the link will arrive shortly.", back: "Back to log in" },
  reset: { title: "New password", intro: "Choose your new password.", submit: "Save password and log in" },
  badLink: { title: "Link unavailable", invalid: "This link is not valid: it was used already or does not exist.", expired: "This link has expired. Ask for a new one.", back: "Go to the log-in page" },
  fields: { name: "Name", email: "E-mail", password: "Password", newPassword: "New password", passwordHint: "At least 10 characters.", subject: "Subject", message: "Message", department: "Department", anyDepartment: "Any department", reply: "Your reply" },
  tickets: { title: "My tickets", empty: "You have no tickets yet.", number: "No.", subject: "Subject", status: "Status", department: "Department", updated: "Updated", newer: "Newer", older: "Older", open: "Open ticket", send: "Send reply", sent: "Reply sent.", create: "New ticket", back: "Back to tickets", thread: "Ticket conversation", you: "You" },
  ticketStatus: { new: "New", in_progress: "In progress", waiting_customer: "Waiting for you", closed: "Resolved" },
  chats: { title: "My chats", empty: "You have no chats yet.", started: "Started", status: "Status", department: "Department", back: "Back to chats", transcript: "Transcript", noMessages: "No messages." },
  chatStatus: { waiting: "Waiting", active: "Ongoing", closed: "Closed" },
  notFound: "Page not found.",
  messages: {
    invalidCredentials: "Wrong e-mail or password.",
    rateLimited: "Too many attempts. Wait a moment and try again.",
    emailNotConfigured: "Sign-up is not available yet. Talk to us in the chat.",
    tokenInvalid: "This link is not valid: it was used already or does not exist.",
    tokenExpired: "This link has expired. Ask for a new one.",
    badName: "Enter your name.",
    badEmail: "Enter a valid e-mail.",
    badPassword: "The password needs at least 10 characters.",
    badSubject: "Enter a subject (one line).",
    badMessage: "Write your message.",
    badBody: "Write your reply.",
    unknownDepartment: "Choose a department from the list.",
    network: "Could not reach the server. Check your connection.",
    generic: "Something went wrong. Try again.",
  },
};

const es: PanelTexts = {
  product: "Panel del Cliente",
  languages: "Idioma",
  skip: "Ir al contenido",
  nav: { label: "Panel del Cliente", tickets: "Tickets", newTicket: "Nuevo ticket", chats: "Conversaciones", logout: "Salir" },
  login: { title: "Entrar", intro: "Sigue tus tickets y conversaciones.", submit: "Entrar", forgot: "Olvidé mi contraseña", noAccount: "¿Aún no tienes acceso?", signup: "Regístrate" },
  signup: { title: "Registro", intro: "Crea tu acceso con el correo que usas con nosotros.", submit: "Registrarme", done: "Enviamos un enlace de confirmación a tu correo. Ábrelo para activar el acceso.", haveAccount: "¿Ya tienes acceso? Entrar" },
  confirm: { title: "Confirmar registro", intro: "Confirma tu correo para activar tu acceso al Panel del Cliente.", submit: "Confirmar y entrar" },
  invite: { title: "Invitación", intro: "Te invitaron al Panel del Cliente como {email}. Elige tu contraseña.", submit: "Aceptar invitación" },
  forgot: { title: "Olvidé mi contraseña", intro: "Escribe tu correo y te enviaremos un enlace para crear una contraseña nueva.", submit: "Enviar enlace", done: "Si este correo tiene acceso, el enlace llegará en breve.", back: "Volver a entrar" },
  reset: { title: "Nueva contraseña", intro: "Elige tu nueva contraseña.", submit: "Guardar contraseña y entrar" },
  badLink: { title: "Enlace no disponible", invalid: "Este enlace no es válido: ya se usó o no existe.", expired: "Este enlace expiró. Pide uno nuevo.", back: "Ir a la página de entrada" },
  fields: { name: "Nombre", email: "Correo electrónico", password: "Contraseña", newPassword: "Nueva contraseña", passwordHint: "Al menos 10 caracteres.", subject: "Asunto", message: "Mensaje", department: "Departamento", anyDepartment: "Cualquier departamento", reply: "Tu respuesta" },
  tickets: { title: "Mis tickets", empty: "Aún no tienes tickets.", number: "N.º", subject: "Asunto", status: "Estado", department: "Departamento", updated: "Actualizado", newer: "Más recientes", older: "Más antiguos", open: "Abrir ticket", send: "Enviar respuesta", sent: "Respuesta enviada.", create: "Nuevo ticket", back: "Volver a los tickets", thread: "Conversación del ticket", you: "Tú" },
  ticketStatus: { new: "Nuevo", in_progress: "En atención", waiting_customer: "Esperando tu respuesta", closed: "Resuelto" },
  chats: { title: "Mis conversaciones", empty: "Aún no tienes conversaciones.", started: "Inicio", status: "Estado", department: "Departamento", back: "Volver a las conversaciones", transcript: "Transcripción", noMessages: "Sin mensajes." },
  chatStatus: { waiting: "En cola", active: "En curso", closed: "Cerrada" },
  notFound: "Página no encontrada.",
  messages: {
    invalidCredentials: "Correo o contraseña incorrectos.",
    rateLimited: "Demasiados intentos. Espera un momento y vuelve a intentarlo.",
    emailNotConfigured: "El registro aún no está disponible. Háblanos por el chat.",
    tokenInvalid: "Este enlace no es válido: ya se usó o no existe.",
    tokenExpired: "Este enlace expiró. Pide uno nuevo.",
    badName: "Escribe tu nombre.",
    badEmail: "Escribe un correo válido.",
    badPassword: "La contraseña necesita al menos 10 caracteres.",
    badSubject: "Escribe un asunto (una línea).",
    badMessage: "Escribe tu mensaje.",
    badBody: "Escribe tu respuesta.",
    unknownDepartment: "Elige un departamento de la lista.",
    network: "No se pudo contactar con el servidor. Revisa tu conexión.",
    generic: "Algo salió mal. Inténtalo de nuevo.",
  },
};

export const PANEL_TEXTS: Record<Lang, PanelTexts> = { "pt-BR": ptBR, en, es };
