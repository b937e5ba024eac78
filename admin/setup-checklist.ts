/**
 * Pure logic of the administrator's first-steps checklist ("Primeiros passos"): the five steps
 * in order with where each is done, what the server's answer means for them, and the "hide"
 * choice kept in localStorage per account. No DOM, so the console's unit tests run it in Node.
 */
import type { SetupChecklistResponse, SetupItem } from "../worker/views-gestao";
import type { MessageKey } from "./i18n";

export interface SetupStep {
  key: SetupItem;
  label: MessageKey;
  /** The console page where the step is done. */
  href: string;
}

/**
 * The steps in the order a new account takes them. Business hours have no page yet: the time
 * zone (Configurações da Conta) is what the server checks until then. The test chat is sent
 * from the preview on Integrar e Publicar.
 */
export const SETUP_STEPS: readonly SetupStep[] = [
  { key: "departments", label: "setup.item.departments", href: "#/gestao/departments" },
  { key: "attendants", label: "setup.item.attendants", href: "#/gestao/attendants" },
  { key: "hours", label: "setup.item.hours", href: "#/gestao/account" },
  { key: "snippet", label: "setup.item.snippet", href: "#/publish" },
  { key: "testChat", label: "setup.item.testChat", href: "#/publish" },
];

/** The refresh period while the checklist is shown. */
export const SETUP_REFRESH_MS = 30_000;

export interface ChecklistState {
  /** Whether to show it: loaded, not finished, not hidden. */
  visible: boolean;
  steps: (SetupStep & { done: boolean })[];
  doneCount: number;
  total: number;
}

/** What to show for the server's answer (null before it came) and the "hide" choice. */
export function checklistState(answer: SetupChecklistResponse | null, hidden: boolean): ChecklistState {
  const done = new Set((answer?.items ?? []).filter((item) => item.done).map((item) => item.key));
  const steps = SETUP_STEPS.map((step) => ({ ...step, done: done.has(step.key) }));
  const doneCount = steps.filter((step) => step.done).length;
  const finished = answer !== null && (answer.done || doneCount === steps.length);
  return { visible: answer !== null && !finished && !hidden, steps, doneCount, total: steps.length };
}

const storageKey = (accountId: string): string => `atendimento-online:setup-hidden:${accountId}`;

/** Whether the administrator hid the checklist of this account on this browser. */
export function isChecklistHidden(accountId: string, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(storageKey(accountId)) === "1";
  } catch {
    // Storage blocked (privacy settings): shown, the hide button still works for this visit.
    return false;
  }
}

/** Remembers that the checklist of this account is hidden on this browser. */
export function hideChecklist(accountId: string, storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(storageKey(accountId), "1");
  } catch {
    // Not remembered across reloads; hidden for this visit anyway.
  }
}
