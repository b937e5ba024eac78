/**
 * The system message a transferred customer reads. Stored in the chat like every system message,
 * so it is written once in the account's language (`accounts.locale`), which is also the widget's
 * language unless the host page sets another.
 */
import { pickLang, type Lang } from "../settings/look";

const TEXTS: Record<Lang, { attendant: (name: string) => string; department: (name: string) => string }> = {
  "pt-BR": { attendant: (n) => `Você foi transferido para ${n}`, department: (n) => `Você foi transferido para o departamento ${n}` },
  en: { attendant: (n) => `You were transferred to ${n}`, department: (n) => `You were transferred to the ${n} department` },
  es: { attendant: (n) => `Fuiste transferido a ${n}`, department: (n) => `Fuiste transferido al departamento ${n}` },
};

/** "Você foi transferido para <attendant>" when an attendant was named, else "… para o departamento <department>". */
export function transferNotice(locale: string, target: { attendantName?: string; departmentName?: string }): string {
  const texts = TEXTS[pickLang(locale)];
  return target.attendantName !== undefined ? texts.attendant(target.attendantName) : texts.department(target.departmentName ?? "");
}
