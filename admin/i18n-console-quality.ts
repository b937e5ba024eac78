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
};

export const consoleQualityEn: Record<keyof typeof consoleQualityPtBR, string> = {
  "closer.byNameRole": "Chat closed by {name} ({role}).",
  "closer.status": "Closed by {name} ({role})",
  "closer.statusName": "Closed by {name}",
  "closer.statusCustomer": "Closed by the customer",
  "closer.statusSystem": "Closed automatically",
  "presence.busy": "Busy",
  "presence.load": "{active} of {limit} chats",
};

export const consoleQualityEs: Record<keyof typeof consoleQualityPtBR, string> = {
  "closer.byNameRole": "Chat cerrado por {name} ({role}).",
  "closer.status": "Cerrado por {name} ({role})",
  "closer.statusName": "Cerrado por {name}",
  "closer.statusCustomer": "Cerrado por el cliente",
  "closer.statusSystem": "Cerrado automáticamente",
  "presence.busy": "Ocupado",
  "presence.load": "{active} de {limit} chats",
};
