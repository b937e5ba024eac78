/**
 * Console texts of the attendant's notifications (a customer's new message, the tab title's
 * count, the permission button) in pt-BR (the default), English and Spanish.
 */
export const alertsPtBR = {
  "alert.newMessage": "Nova mensagem de {name}",
  "profile.messages": "Avisar também de novas mensagens do cliente em um chat que não está na tela",
  "profile.titleCount": "Mostrar no título da aba quantos clientes aguardam e quantas mensagens não foram lidas",
  "profile.desktopAllow": "Permitir notificações",
};

export const alertsEn: Record<keyof typeof alertsPtBR, string> = {
  "alert.newMessage": "New message from {name}",
  "profile.messages": "Also alert me to a customer's new message in a chat that is not on screen",
  "profile.titleCount": "Show in the tab's title how many customers wait and how many messages are unread",
  "profile.desktopAllow": "Allow notifications",
};

export const alertsEs: Record<keyof typeof alertsPtBR, string> = {
  "alert.newMessage": "Nuevo mensaje de {name}",
  "profile.messages": "Avisar también de nuevos mensajes del cliente en un chat que no está en pantalla",
  "profile.titleCount": "Mostrar en el título de la pestaña cuántos clientes esperan y cuántos mensajes no se leyeron",
  "profile.desktopAllow": "Permitir notificaciones",
};
