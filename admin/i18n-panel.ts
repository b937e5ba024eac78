/**
 * Console texts of the Painel do Cliente's invitation on a customer's detail (Gestão ›
 * Clientes), in pt-BR (the default), English and Spanish.
 */
export const panelInvitePtBR = {
  "panelInvite.heading": "Painel do Cliente",
  "panelInvite.intro": "Convide o cliente para o Painel do Cliente: ele recebe por e-mail um link, válido por 7 dias, para escolher a senha e acompanhar os chamados e chats.",
  "panelInvite.button": "Convidar para o Painel do Cliente",
  "panelInvite.sending": "Convidando…",
  "panelInvite.emailed": "Convite enviado para {email}. O link também está abaixo.",
  "panelInvite.notEmailed": "O e-mail da conta não está configurado: copie o link abaixo e envie ao cliente.",
  "panelInvite.link": "Link do convite (válido por 7 dias)",
};

export const panelInviteEn: Record<keyof typeof panelInvitePtBR, string> = {
  "panelInvite.heading": "Customer Panel",
  "panelInvite.intro": "Invite the customer to the Customer Panel: they get an e-mailed link, valid for 7 days, to choose a password and follow their tickets and chats.",
  "panelInvite.button": "Invite to the Customer Panel",
  "panelInvite.sending": "Inviting…",
  "panelInvite.emailed": "Invitation sent to {email}. The link is also below.",
  "panelInvite.notEmailed": "The account's e-mail is not set up: copy the link below and send it to the customer.",
  "panelInvite.link": "Invitation link (valid for 7 days)",
};

export const panelInviteEs: Record<keyof typeof panelInvitePtBR, string> = {
  "panelInvite.heading": "Panel del Cliente",
  "panelInvite.intro": "Invita al cliente al Panel del Cliente: recibe por correo un enlace, válido por 7 días, para elegir su contraseña y seguir sus tickets y chats.",
  "panelInvite.button": "Invitar al Panel del Cliente",
  "panelInvite.sending": "Invitando…",
  "panelInvite.emailed": "Invitación enviada a {email}. El enlace también está abajo.",
  "panelInvite.notEmailed": "El correo de la cuenta no está configurado: copia el enlace de abajo y envíalo al cliente.",
  "panelInvite.link": "Enlace de invitación (válido por 7 días)",
};
