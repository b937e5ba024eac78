/**
 * Who closed a chat, as the console says it: the closed notice of the chat window ("Atendimento
 * encerrado por Ana (Gerente de departamento).") and the status line of the chat header and the
 * transcript, which after the close names the closer instead of "Atendido por …".
 */
import { t, type MessageKey } from "./i18n";

/** The closer as the live chat (`WireChat.closer`) and the history (`ChatListItem.closer`) carry it. */
export interface CloserLike {
  closedBy: string | null;
  closer?: { type?: string; name: string; role?: string } | undefined;
}

const CLOSED_BY: Record<string, MessageKey> = {
  customer: "chat.closedBy.customer",
  attendant: "chat.closedBy.attendant",
  system: "chat.closedBy.system",
};

const ROLES: Record<string, MessageKey> = {
  administrator: "role.administrator",
  department_manager: "role.department_manager",
  attendant: "role.attendant",
};

function attendantCloser(chat: CloserLike): { name: string; role: string | null } | null {
  const closer = chat.closer;
  if (chat.closedBy !== "attendant" || !closer?.name || (closer.type && closer.type !== "attendant")) return null;
  const role = closer.role ? ROLES[closer.role] : undefined;
  return { name: closer.name, role: role ? t(role) : null };
}

/** The closed notice: the closer's name and role when known, else who in general. */
export function closedNotice(chat: CloserLike): string {
  const who = attendantCloser(chat);
  if (who?.role) return t("closer.byNameRole", { name: who.name, role: who.role });
  if (who) return t("chat.closedByName", { name: who.name });
  return t((chat.closedBy && CLOSED_BY[chat.closedBy]) || "chat.closed");
}

/** The short status of a closed chat for a header ("Encerrado por Ana (Atendente)"). */
export function closedStatus(chat: CloserLike): string {
  const who = attendantCloser(chat);
  if (who?.role) return t("closer.status", { name: who.name, role: who.role });
  if (who) return t("closer.statusName", { name: who.name });
  if (chat.closedBy === "customer") return t("closer.statusCustomer");
  if (chat.closedBy === "system") return t("closer.statusSystem");
  return t("chat.closed");
}
