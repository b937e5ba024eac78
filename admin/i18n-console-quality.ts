/**
 * Console texts of issue 12's console items: who closed a chat (name and role), the header's
 * menu, queue rows (waiting time, first message), the department's attendants with their
 * status, the visitor's details and the composer's emoji, in pt-BR (the default), English and
 * Spanish.
 */
export const consoleQualityPtBR = {
  "closer.byNameRole": "Atendimento encerrado por {name} ({role}).",
  "closer.status": "Encerrado por {name} ({role})",
  "closer.statusName": "Encerrado por {name}",
  "closer.statusCustomer": "Encerrado pelo cliente",
  "closer.statusSystem": "Encerrado automaticamente",
  "presence.busy": "Ocupado",
  "presence.load": "{active} de {limit} atendimentos",
  "visitor.label": "Detalhes do visitante",
  "visitor.browser": "Navegador",
  "visitor.pageTitle": "Título da página",
  "visitor.previous": "Anteriores",
  "visitor.previousNone": "Primeiro atendimento deste cliente",
  "visitor.previousOne": "1 atendimento anterior:",
  "visitor.previousCount": "{count} atendimentos anteriores:",
  "visitor.previousLink": "Atendimento #{number} de {date}",
  "visitor.unknownBrowser": "Navegador desconhecido",
  "device.mobile": "celular",
  "device.tablet": "tablet",
  "device.desktop": "computador",
};

export const consoleQualityEn: Record<keyof typeof consoleQualityPtBR, string> = {
  "closer.byNameRole": "Chat closed by {name} ({role}).",
  "closer.status": "Closed by {name} ({role})",
  "closer.statusName": "Closed by {name}",
  "closer.statusCustomer": "Closed by the customer",
  "closer.statusSystem": "Closed automatically",
  "presence.busy": "Busy",
  "presence.load": "{active} of {limit} chats",
  "visitor.label": "Visitor details",
  "visitor.browser": "Browser",
  "visitor.pageTitle": "Page title",
  "visitor.previous": "Earlier",
  "visitor.previousNone": "This customer's first chat",
  "visitor.previousOne": "1 earlier chat:",
  "visitor.previousCount": "{count} earlier chats:",
  "visitor.previousLink": "Chat #{number} of {date}",
  "visitor.unknownBrowser": "Unknown browser",
  "device.mobile": "phone",
  "device.tablet": "tablet",
  "device.desktop": "computer",
};

export const consoleQualityEs: Record<keyof typeof consoleQualityPtBR, string> = {
  "closer.byNameRole": "Chat cerrado por {name} ({role}).",
  "closer.status": "Cerrado por {name} ({role})",
  "closer.statusName": "Cerrado por {name}",
  "closer.statusCustomer": "Cerrado por el cliente",
  "closer.statusSystem": "Cerrado automáticamente",
  "presence.busy": "Ocupado",
  "presence.load": "{active} de {limit} chats",
  "visitor.label": "Detalles del visitante",
  "visitor.browser": "Navegador",
  "visitor.pageTitle": "Título de la página",
  "visitor.previous": "Anteriores",
  "visitor.previousNone": "Primer chat de este cliente",
  "visitor.previousOne": "1 chat anterior:",
  "visitor.previousCount": "{count} chats anteriores:",
  "visitor.previousLink": "Chat #{number} del {date}",
  "visitor.unknownBrowser": "Navegador desconocido",
  "device.mobile": "móvil",
  "device.tablet": "tableta",
  "device.desktop": "computadora",
};
