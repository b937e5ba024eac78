/**
 * Pure logic of "Converter mensagens offline em chamados automaticamente": the account's switch
 * and a department's override ("" = as the account, "on", "off"), written into the settings
 * documents without touching their other fields. No DOM: the console's unit tests run it.
 */
import type { AccountSettings, DepartmentSettings } from "../worker/views";

/** A department's choice: "" follows the account. */
export type OfflineTicketChoice = "" | "on" | "off";

/** The account document with the switch set. */
export function accountWithOfflineToTicket(doc: AccountSettings, on: boolean): AccountSettings {
  return { ...doc, policies: { ...doc.policies, offlineToTicket: on } };
}

/** The department's choice as stored. */
export function offlineTicketChoice(doc: DepartmentSettings | undefined): OfflineTicketChoice {
  const value = doc?.policies?.offlineToTicket;
  return value === undefined ? "" : value ? "on" : "off";
}

/** The department document with the choice set; its look and other policies as they were. */
export function departmentWithOfflineToTicket(doc: DepartmentSettings | undefined, choice: OfflineTicketChoice): DepartmentSettings {
  const look = doc?.look ?? { colors: {}, size: {}, texts: {} };
  const { offlineToTicket: _, ...others } = doc?.policies ?? {};
  const policies = choice === "" ? others : { ...others, offlineToTicket: choice === "on" };
  return Object.keys(policies).length ? { look, policies } : { look };
}
