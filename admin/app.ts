/**
 * The console application: boots from GET /api/me, signs in and out, switches the attendant's
 * status, routes between the live desk, the history (`#/history`, `#/history/<chat id>`) and
 * the offline messages (`#/offline`), the customer chat's pages (`#/customize`, `#/publish`, `#/satisfaction`), and owns the live
 * session while someone is signed in. Components call these methods and read `store`.
 */
import type {
  AccountSettings,
  ChatDetailResponse,
  DepartmentSettings,
  DepartmentsResponse,
  Me,
  OfflineMessagesResponse,
  SatisfactionReportResponse,
  SettingsResponse,
} from "../worker/views";
import type { OfflineMessageThreadResponse, OfflineReplyResponse } from "../worker/views-offline";
import { ApiError, api, type OfflineQuery } from "./api";
import { currentSession } from "./api-session";
import { errorKey } from "./errors";
import { outsideShiftNotice } from "./hours-form";
import type { MessageKey } from "./i18n";
import { LiveSession } from "./live";
import { alertNewChat } from "./new-chat-alert";
import { alertNewMessage } from "./message-alert";
import { reloadAfterRightsChange } from "./rights-reload";
import { GESTAO_SECTIONS, Store, type GestaoSection, type Route } from "./store";

const PLAIN_PAGES = ["offline", "customize", "publish", "satisfaction", "profile", "supervision"] as const;

export function parseRoute(hash: string): Route {
  const [path = "", search = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const parts = path.split("/").filter(Boolean);
  const first = parts[0];
  if (first === "history") {
    if (parts[1]) return { page: "transcript", chatId: decodeURIComponent(parts[1]) };
    return search ? { page: "history", search } : { page: "history" };
  }
  if (first === "tickets") return parts[1] ? { page: "tickets", id: decodeURIComponent(parts[1]) } : { page: "tickets" };
  if (first === "gestao") {
    const section = GESTAO_SECTIONS.find((s) => s === parts[1]) ?? "departments";
    return parts[2] ? { page: "gestao", section, id: decodeURIComponent(parts[2]) } : { page: "gestao", section };
  }
  const plain = PLAIN_PAGES.find((page) => page === first);
  return plain ? { page: plain } : { page: "live" };
}

/** The location hash of a route (the inverse of {@link parseRoute}). */
export function routeHash(route: Route): string {
  if (route.page === "live") return "#/";
  if (route.page === "transcript") return `#/history/${encodeURIComponent(route.chatId)}`;
  if (route.page === "tickets") return `#/tickets${route.id ? `/${encodeURIComponent(route.id)}` : ""}`;
  if (route.page === "history") return route.search ? `#/history?${route.search}` : "#/history";
  if (route.page === "gestao") return `#/gestao/${route.section}${route.id ? `/${encodeURIComponent(route.id)}` : ""}`;
  return `#/${route.page}`;
}

/** The token of an invitation link (`/admin/invite/<token>`), or null on any other path. */
export function inviteToken(pathname: string): string | null {
  const match = /^\/admin\/invite\/([A-Za-z0-9_-]{10,200})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

/**
 * Whether someone with this role may open a page. "Personalizar chat" is for administrators
 * (the account and every department) and department managers (their departments' overrides), and
 * so are Gestão and "Supervisão" (each sees the departments they supervise);
 * everyone reads the offline messages, embeds the chat and reads the satisfaction report of the
 * departments they see. The server checks again: this only keeps the console from offering
 * what would be refused.
 */
export function canOpen(role: Me["role"], page: Route["page"]): boolean {
  if (page === "customize" || page === "supervision") return role === "administrator" || role === "department_manager";
  // Gestão: every role has at least the Base de Conhecimento (attendants read it; editors write it).
  if (page === "gestao") return true;
  return true;
}

/**
 * The Gestão sections a role may open: administrators all; a department manager the
 * departments, attendants and customers (within the departments they manage: the server
 * filters); attendants none.
 */
export function canOpenSection(role: Me["role"], section: GestaoSection): boolean {
  if (role === "administrator" || section === "kb") return true;
  return role === "department_manager" && (section === "departments" || section === "hours" || section === "attendants" || section === "customers" || section === "labels" || section === "canned");
}

export class AdminApp {
  readonly store = new Store();
  live: LiveSession | null = null;
  /** The Histórico's last search (the hash's query text), so "back to history" returns to it. */
  historySearch = "";

  /** Starts the app: listens to the URL and the network, then asks who is signed in. */
  async boot(): Promise<void> {
    const token = inviteToken(location.pathname);
    if (token) {
      // The invitation page needs no session: the token is the credential.
      this.store.inviteToken = token;
      this.store.phase = "invite";
      this.store.changed();
      return;
    }
    this.store.route = parseRoute(location.hash);
    addEventListener("hashchange", () => {
      this.store.route = parseRoute(location.hash);
      this.store.changed();
    });
    addEventListener("online", () => this.live?.reconnectNow());
    try {
      const session = await currentSession();
      if (session) this.enter(session);
      else this.store.signOut(null);
    } catch (error) {
      this.store.signOut(error instanceof ApiError && error.status === 401 ? null : errorKey(error));
    }
  }

  /** Signs in; resolves to the error text's key, or null on success. */
  async login(email: string, password: string): Promise<MessageKey | null> {
    try {
      await api.login(email, password);
      this.enter(await api.me());
      return null;
    } catch (error) {
      return errorKey(error);
    }
  }

  async logout(): Promise<void> {
    this.leave(null);
    try {
      await api.logout();
    } catch {
      // The session is forgotten here anyway; the server's expires on its own.
    }
  }

  /** Switches the attendant online/offline; the toggle follows only what the server accepted. */
  async setOnline(online: boolean): Promise<void> {
    const me = this.store.me;
    if (!me) return;
    try {
      const { status } = await api.setStatus(online ? "online" : "offline");
      if (this.store.me) this.store.me = { ...this.store.me, chatStatus: status };
      this.store.changed();
    } catch (error) {
      if (this.expired(error)) return;
      if (error instanceof ApiError && error.code === "outside_shift") {
        const notice = outsideShiftNotice(error.details.opensAt, Date.now(), this.store.locale);
        this.store.notify(notice.key, notice.params);
        return;
      }
      this.store.notify("notice.statusFailed");
    }
  }

  navigate(route: Route): void {
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
    this.store.route = route;
    this.store.changed();
  }


  /** Departments for the Histórico filter (all of them for administrators). */
  async departments(): Promise<DepartmentsResponse["departments"]> {
    try {
      return (await api.departments()).departments;
    } catch (error) {
      this.expired(error);
      return (this.store.me?.departments ?? []).map((d) => ({ ...d, active: true }));
    }
  }

  /** A page of the messages left with the widget's offline form. */
  offlineMessages(query: OfflineQuery): Promise<OfflineMessagesResponse> {
    return this.call(() => api.offlineMessages(query));
  }

  /** An offline message with its e-mail thread. */
  offlineThread(id: string): Promise<OfflineMessageThreadResponse> {
    return this.call(() => api.offlineThread(id));
  }

  /** Answers an offline message by e-mail; resolves to the queued answer. */
  answerOffline(id: string, body: string): Promise<OfflineReplyResponse> {
    return this.call(() => api.answerOffline(id, body));
  }

  transcript(chatId: string): Promise<ChatDetailResponse> {
    return this.call(() => api.chat(chatId));
  }

  /** The account's and the departments' chat settings (and the identity secret, for administrators). */
  settings(): Promise<SettingsResponse> {
    return this.call(() => api.settings());
  }

  /** Replaces the account's settings document; resolves to what the server saved. */
  saveAccountSettings(doc: AccountSettings): Promise<AccountSettings> {
    return this.call(() => api.saveAccountSettings(doc));
  }

  /** Replaces one department's overrides; resolves to what the server saved. */
  saveDepartmentSettings(departmentId: string, doc: DepartmentSettings): Promise<DepartmentSettings> {
    return this.call(() => api.saveDepartmentSettings(departmentId, doc));
  }

  satisfaction(): Promise<SatisfactionReportResponse> {
    return this.call(() => api.satisfaction());
  }

  /**
   * Enters the console with a session the server just opened (sign-up, an accepted invitation),
   * on the console's own URL.
   */
  enterWith(session: Awaited<ReturnType<typeof api.me>>): void {
    if (location.pathname !== "/admin/") history.replaceState(null, "", "/admin/#/");
    this.store.inviteToken = null;
    this.store.route = parseRoute(location.hash);
    this.enter(session);
  }

  /** The attendant's own record changed (Meu perfil, or their row in Atendentes): the header follows. */
  updateMe(me: Me): void {
    if (this.store.me?.id !== me.id) return;
    this.store.me = me;
    this.store.changed();
  }

  /** Runs an API call; an expired session goes back to the login screen, and the error is rethrown. */
  async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.expired(error);
      throw error;
    }
  }

  private enter(session: Awaited<ReturnType<typeof api.me>>): void {
    this.live?.stop();
    this.store.signIn(session);
    const live = new LiveSession(this.store, {
      token: async () => (await api.wsToken()).token,
      onUnauthenticated: () => this.leave("login.expired"),
      // Gestão changed this attendant's rights: start again with what /api/me now says.
      onRightsChanged: () =>
        void reloadAfterRightsChange({
          me: () => api.me(),
          enter: (next) => this.enter(next),
          expired: () => this.leave("login.expired"),
          current: () => this.live === live,
        }),
      origin: `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`,
      onNewChat: (chat, departmentId) => alertNewChat(chat, this.store.departmentName(departmentId), this.store.me?.notificationPrefs),
      onNewMessage: (message) =>
        alertNewMessage(message, this.store.me?.notificationPrefs, () => {
          this.navigate({ page: "live" });
          live.open(message.chatId);
        }),
      hidden: () => document.hidden,
    });
    this.live = live;
    live.start();
  }

  private leave(notice: MessageKey | null): void {
    this.historySearch = "";
    this.live?.stop();
    this.live = null;
    this.store.signOut(notice);
  }

  private expired(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.status !== 401) return false;
    this.leave("login.expired");
    return true;
  }
}
