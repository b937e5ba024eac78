/**
 * The console's state: who is signed in, the departments' connections and attendants, every
 * open chat the console knows of, the selected chat and the notices. Components read it and
 * re-render on its `change` event; only the app and the live session write to it.
 */
import type { WireAttendant } from "../durable-objects/protocol";
import type { Me, MeResponse } from "../worker/views";
import { newChatView, type ChatView } from "./chat-view";
import { getLocale, setLocale, type Locale, type MessageKey } from "./i18n";

/** `invite`: the page at /admin/invite/<token>, where an invited attendant chooses a password. */
export type Phase = "loading" | "login" | "console" | "invite";

/** The sub-pages of Gestão, in the order its menu shows them. */
export const GESTAO_SECTIONS = ["departments", "hours", "attendants", "customers", "account", "audit", "email", "labels", "kb", "canned"] as const;
export type GestaoSection = (typeof GESTAO_SECTIONS)[number];
export type Connection = "connecting" | "open" | "reconnecting" | "stopped";

export interface DepartmentState {
  id: string;
  name: string;
  /** Takes this department's chats (a supervisor who does not attend only watches). */
  attends: boolean;
  connection: Connection;
  /** Whether the department takes chats now (someone online). */
  online: boolean;
  attendants: WireAttendant[];
  /** How many `attendant.changed` frames arrived: a change of someone not in `attendants`, for the rosters to read again. */
  rosterChanges: number;
}

/** A message for the attendant; kept as a key so that it follows a language switch. */
export interface Notice {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
  /** The chat it is about, so that one event does not stack two notices. */
  chatId?: string;
}

/**
 * Where the console is: the live desk, the history list, one transcript, the offline messages, or one of the customer
 * chat's pages ("Personalizar chat", "Integrar e Publicar", the satisfaction report).
 */
export type Route =
  | { page: "live" }
  /** `search`: the filters as the hash's query text (`#/history?q=…`), see history-filters.ts. */
  | { page: "history"; search?: string }
  | { page: "transcript"; chatId: string }
  | { page: "offline" }
  | { page: "customize" }
  | { page: "publish" }
  | { page: "satisfaction" }
  /** Gestão: one section, and the item open in it (a customer's id) when there is one. */
  | { page: "gestao"; section: GestaoSection; id?: string }
  /** "Meu perfil": the attendant's own name, password and notifications. */
  | { page: "profile" }
  /** "Supervisão": the waiting and active chats of the departments the person supervises. */
  | { page: "supervision" }
  /** Chamados: the list, or one ticket. */
  | { page: "tickets"; id?: string };

const NOTICE_LIMIT = 4;

export class Store extends EventTarget {
  phase: Phase = "loading";
  me: Me | null = null;
  account: MeResponse["account"] | null = null;
  /** Shown on the login screen (expired session, boot failure). */
  loginNotice: MessageKey | null = null;
  /** The invitation token of /admin/invite/<token> (phase `invite`). */
  inviteToken: string | null = null;
  route: Route = { page: "live" };
  departments = new Map<string, DepartmentState>();
  chats = new Map<string, ChatView>();
  selectedChatId: string | null = null;
  /** Chats this console asked to accept and has no answer for yet. */
  accepting = new Set<string>();
  notices: Notice[] = [];
  private nextNoticeId = 1;
  private scheduled = false;

  get locale(): Locale {
    return getLocale();
  }

  /** Announces a change once per microtask, however many writes it groups. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.dispatchEvent(new Event("change"));
    });
  }

  setLocale(locale: Locale): void {
    setLocale(locale);
    this.changed();
  }

  /** Enters the console for this attendant, with empty live state. */
  signIn(session: MeResponse): void {
    this.reset();
    this.me = session.attendant;
    this.account = session.account;
    this.phase = "console";
    this.loginNotice = null;
    for (const d of session.attendant.departments) {
      this.departments.set(d.id, { id: d.id, name: d.name, attends: d.attends, connection: "connecting", online: false, attendants: [], rosterChanges: 0 });
    }
    this.changed();
  }

  /** Whether the attendant may accept chats of the department. */
  takesChatsOf(departmentId: string): boolean {
    return this.departments.get(departmentId)?.attends ?? false;
  }

  /** Back to the login screen, forgetting everything live. */
  signOut(notice: MessageKey | null = null): void {
    this.reset();
    this.phase = "login";
    this.loginNotice = notice;
    this.changed();
  }

  private reset(): void {
    this.me = null;
    this.account = null;
    this.departments.clear();
    this.chats.clear();
    this.selectedChatId = null;
    this.accepting.clear();
    this.notices = [];
  }

  /** Administrators and department managers watch (and may close) other attendants' chats. */
  get isSupervisor(): boolean {
    return this.me?.role === "administrator" || this.me?.role === "department_manager";
  }

  isMine(view: ChatView): boolean {
    return view.chat.attendant !== null && view.chat.attendant.id === this.me?.id;
  }

  /** Waiting chats, longest wait first. */
  get queue(): ChatView[] {
    return [...this.chats.values()].filter((v) => v.chat.status === "waiting").sort((a, b) => a.chat.createdAt - b.chat.createdAt);
  }

  /** This attendant's chats, including closed ones not yet dismissed, oldest first. */
  get myChats(): ChatView[] {
    return [...this.chats.values()]
      .filter((v) => v.chat.status !== "waiting" && this.isMine(v))
      .sort((a, b) => (a.chat.acceptedAt ?? a.chat.createdAt) - (b.chat.acceptedAt ?? b.chat.createdAt));
  }

  /** Other attendants' chats: only supervisors see them. */
  get otherChats(): ChatView[] {
    if (!this.isSupervisor) return [];
    return [...this.chats.values()]
      .filter((v) => v.chat.status !== "waiting" && !this.isMine(v))
      .sort((a, b) => (a.chat.acceptedAt ?? a.chat.createdAt) - (b.chat.acceptedAt ?? b.chat.createdAt));
  }

  get selected(): ChatView | null {
    return this.selectedChatId === null ? null : (this.chats.get(this.selectedChatId) ?? null);
  }

  departmentName(id: string): string {
    return this.departments.get(id)?.name ?? "";
  }

  /** Adds a notice; the oldest go when there are too many. */
  notify(key: MessageKey, params?: Record<string, string | number>, chatId?: string): void {
    this.notices = [...this.notices, { id: this.nextNoticeId++, key, params, chatId }].slice(-NOTICE_LIMIT);
    this.changed();
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.changed();
  }

  /** Adds or replaces a chat's view (a new view for a chat not seen before). */
  viewFor(chat: ChatView["chat"]): ChatView {
    let view = this.chats.get(chat.id);
    if (!view) {
      view = newChatView(chat);
      this.chats.set(chat.id, view);
    }
    return view;
  }
}
