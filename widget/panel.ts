/**
 * `/widget-panel.js`: the chat panel, loaded by `/widget.js` on demand. Lit 3 without
 * decorators (`static properties`, `declare` fields, defaults in the constructor).
 *
 * The element holds the state and the controllers and decides which view is up; each view
 * renders, and handles its own user actions, in a module of its own (`panel-views.ts` picks
 * one): `form-view.ts` (pre-chat form), `offline-view.ts`, `chat-view.ts` (messages and
 * input), `closed-views.ts` (end of a chat, survey), `history-views.ts` (past chats), and
 * `header-view.ts` above them; `panel-focus.ts` moves focus and keeps the messages scrolled.
 */
import { LitElement, html, type PropertyValues, type TemplateResult } from "lit";
import type { WireChat } from "../durable-objects/protocol";
import type { CompactLook, WidgetConfigCompact, WidgetCustomer } from "../worker/views";
import type { ChatCallbacks, ChatController } from "./chat-controller";
import { idleChat, type ChatState } from "./chat-state";
import { chunks, loadScript } from "./chunks";
import { PANEL_TAG, type PanelBoot } from "./contract";
import { renderHeaderView } from "./header-view";
import { HistoryController } from "./history-controller";
import { hasPanelText, textsFor, type Lang, type PanelText } from "./i18n";
import { loadLanguage } from "./panel-language";
import { identifyCustomer } from "./identity";
import { offlineForm } from "./offline-controller";
import { preloadOffline } from "./offline-view";
import { afterRender, beforeRender } from "./panel-focus";
import { renderView } from "./panel-views";
import { SurveyController } from "./survey-controller";
import { panelStyles } from "./styles";
import { followVisualViewport, SMALL_SCREEN, trapTab } from "./viewport";
import { nextTask } from "./next-task";

/** Parts of this element that `<tomticket-chat>` re-exports to the host page. */
const PARTS =
  "header,title,status,popout,minimize,end-chat,end-confirm,form,greeting,department,error,start,offline,offline-form,offline-sent,messages,message," +
  "message-customer,message-attendant,message-system,author,body,meta,retry,typing,compose,send,counter," +
  "closed,survey,survey-thanks,new-chat,history,transcript,back,transcript-email";

export type View = "loading" | "failed" | "form" | "offline" | "chat" | "transcript";

/**
 * The inside of the chat widget: pre-chat form or offline form, previous conversations,
 * conversation, closed state with the survey. Internal: created by `<tomticket-chat>` in its
 * shadow root, which also owns opening, closing and Escape. Its other public members are for
 * the view modules, not for the loader (which sees only `PanelElement`).
 *
 * @prop boot - what the loader knows and does (account, server, session, look); set once
 * @prop language - `pt-BR`, `en` or `es`
 * @prop visible - whether the panel is on screen (read receipts are sent only then)
 * @prop config - the widget configuration; the loader sets a newer one when presence changes
 *
 * @fires tomticket-chat:chat-started - `{ chatId, departmentId }`
 * @fires tomticket-chat:message - the new message (a `WireMessage`)
 * @fires tomticket-chat:chat-ended - `{ chatId, closedBy }`
 * @fires tomticket-chat-minimize - internal, not composed: the minimize button was pressed
 *
 * @csspart header, title, status, popout, minimize, end-chat - the top bar
 * @csspart end-confirm - "Encerrar a conversa?" under the top bar
 * @csspart form, greeting, department, error, start - the pre-chat form
 * @csspart offline, offline-form, offline-sent, offline-back - nobody online: the message form, its thanks, "we are back at"
 * @csspart history, transcript, back - previous conversations (verified customers)
 * @csspart messages, message, message-customer|attendant|system, author, body, meta, retry, typing
 * @csspart compose, send, counter - the message input
 * @csspart closed, survey, survey-thanks, new-chat - the closed state and the satisfaction survey
 * @csspart transcript-email - "Receber a conversa por e-mail" (when the account allows it)
 *
 * @cssprop --tt-primary, --tt-on-primary, --tt-surface, --tt-text, --tt-muted, --tt-border, --tt-error, --tt-focus
 * @cssprop --tt-customer-bubble, --tt-attendant-bubble - message backgrounds
 * @cssprop --tt-font - font family
 */
export class TomticketChatPanel extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    boot: { attribute: false },
    language: { attribute: false },
    visible: { attribute: false },
    config: { attribute: false },
    view: { state: true },
    customer: { state: true },
    department: { state: true },
    busy: { state: true },
    notice: { state: true },
    formError: { state: true },
    composeError: { state: true },
    draftLength: { state: true },
  };

  declare boot: PanelBoot | null;
  declare language: Lang;
  declare visible: boolean;
  declare config: WidgetConfigCompact | null;
  declare view: View;
  declare customer: WidgetCustomer | null;
  /** Selected department in the form. */
  declare department: string;
  /** The pre-chat form is being sent. */
  declare busy: boolean;
  /** Shown above the form, e.g. "your session has expired". */
  declare notice: string;
  declare formError: string;
  declare composeError: string;
  declare draftLength: number;

  /** The customer's chat: `idleChat` until the panel enters one (chat-state.ts, chat-chunk.ts). */
  chat: ChatState = idleChat;
  #live: Promise<ChatController> | undefined;
  readonly history = new HistoryController(this);
  readonly survey = new SurveyController(this);
  readonly offline = offlineForm();
  /** Move focus into the view after the next render (the focused element went away, or a view opened). */
  wantFocus = false;
  /** Scroll the messages to the bottom after the next render. */
  stick = true;
  /** The chat whose end the customer is asked to confirm (end-confirm.ts), or "". */
  endAsk = "";
  #started = false;
  #reported = "";
  #look: CompactLook | undefined;
  /** A language whose texts could not be loaded: the panel speaks Portuguese instead. */
  #langFailed: Lang | null = null;
  #stopViewport: (() => void) | undefined;
  #onVisibility = (): void => {
    this.#markRead();
    this.requestUpdate();
  };
  #onOnline = (): void => this.chat.reconnectNow();
  readonly #callbacks: ChatCallbacks;

  constructor() {
    super();
    this.boot = null;
    this.language = "pt-BR";
    this.visible = false;
    this.config = null;
    this.view = "loading";
    this.customer = null;
    this.department = "";
    this.busy = false;
    this.notice = "";
    this.formError = "";
    this.composeError = "";
    this.draftLength = 0;
    this.#callbacks = {
      onExpired: () => {
        this.customer = null;
        this.showForm();
        this.notice = this.texts.sessionExpired;
      },
      onClosed: (chat) => {
        if (this.chat.queueClosed) {
          // Ended by the offline form sent instead: its thanks stay up.
          this.chat.reset();
          this.view = "offline";
          return;
        }
        this.survey.reset(this.boot, this.config, chat);
        // The message input disappears: keep the keyboard user inside the panel.
        if (this.shadowRoot?.activeElement) this.wantFocus = true;
      },
      onUnsupported: () => (this.composeError = this.texts.errors.unsupported_version),
      onQueueClosed: (chat) => {
        this.department = chat.departmentId;
        this.offline.state = "form";
      },
    };
    this.addEventListener("tomticket-chat:message", (event) => {
      const hidden = !this.visible || document.visibilityState !== "visible";
      if (hidden && event.detail.author.type === "attendant" && this.boot?.host.hasAttribute("sound")) chunks().chat?.beep();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("exportparts", PARTS);
    this.toggleAttribute("popup", !!this.boot?.popup);
    document.addEventListener("visibilitychange", this.#onVisibility);
    addEventListener("online", this.#onOnline);
    this.#stopViewport = followVisualViewport(this);
    // The chat machinery arrives while the customer fills in the form (asked for after the task
    // that shows the panel: adding a script element costs a few milliseconds of it).
    void nextTask().then(() => this.liveChat().catch(() => undefined));
    if (!this.#started && this.boot) {
      this.#started = true;
      void this.init();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.#onVisibility);
    removeEventListener("online", this.#onOnline);
    this.#stopViewport?.();
  }

  /**
   * The first render runs in a task after the one that made the element (its styles, listeners
   * and the start of `init`): each stays short for the host page (at most 10 ms of its main
   * thread in one task).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  /** Moves focus to the first empty form field, the message input or the closed state's button. */
  focusFirst(): void {
    this.wantFocus = true;
    this.requestUpdate();
  }

  /**
   * The stored customer changed (another tab started a chat, `setCustomer()`): load it again.
   * Drawn again at once too: the form reads the page's `name` and `email` when it renders, and
   * must not keep asking for them while the session is fetched.
   */
  reload(): void {
    this.requestUpdate();
    if (this.#started) void this.init();
  }

  /** The texts of the language, with the account's (or the department's) replacements. */
  get texts(): PanelText {
    return textsFor(this.language, this.currentLook()?.texts);
  }

  /** The look of the department in view (chosen, fixed or chatting with), else the account's. */
  currentLook(): CompactLook | undefined {
    const config = this.config;
    const id = this.view === "chat" ? this.chat.chat?.departmentId : this.department || this.boot?.department;
    return config?.departments.find((d) => d.id === id)?.look ?? config?.look;
  }

  /** Loads the configuration if need be, then the customer's session: its chat, else the form. */
  async init(): Promise<void> {
    const boot = this.boot;
    if (!boot) return;
    if (!this.config) {
      this.view = "loading";
      try {
        this.config = await boot.config();
      } catch {
        this.view = "failed";
        return;
      }
    }
    const session = await boot.session(await identifyCustomer(boot));
    // The shell (header, "loading") is drawn in the task that opened the panel; the view
    // (form, offline form, chat) in a task of its own.
    await nextTask();
    this.customer = session?.customer ?? null;
    void this.history.load(boot);
    if (session?.chat) {
      if (session.chat.id !== this.chat.chat?.id) await this.enterChat(session.chat, session.ws?.url ?? null);
      return;
    }
    if (!session && this.chat.isOpen) {
      // The token is gone (forgotten in another tab): this chat cannot go on here.
      this.chat.reset();
      this.notice = this.texts.sessionExpired;
    }
    if (this.view !== "chat" || !this.chat.chat) this.showForm();
  }

  /** The department fixed by the embed, if the account has it. */
  fixedDepartment(): string | null {
    const fixed = this.boot?.department;
    return fixed && this.config?.departments.some((d) => d.id === fixed) ? fixed : null;
  }

  /**
   * The form, on the selected department if it is still online, else the first online one;
   * with none online, the offline form (which keeps the department chosen in it).
   */
  showForm(): void {
    const fixed = this.fixedDepartment();
    const all = this.config?.departments ?? [];
    const open = all.filter((d) => d.online && (!fixed || d.id === fixed));
    const pick = open.find((d) => d.id === this.department) ?? open[0];
    this.department = pick?.id ?? (all.some((d) => d.id === this.department) ? this.department : "");
    this.view = pick ? "form" : "offline";
  }

  /**
   * The chat controller, once `/widget-chat.js` is here (loaded once; a failed load is tried
   * again on the next call). Also asked for by a past chat's transcript (panel-views.ts).
   */
  liveChat(): Promise<ChatController> {
    const server = this.boot?.server;
    if (!server) return Promise.reject(new Error("no boot"));
    return (this.#live ??= loadScript(`${server}/widget-chat.js`).then(
      () => chunks().chat!.controller(this, this.#callbacks),
      (error: unknown) => {
        this.#live = undefined;
        throw error;
      },
    ));
  }

  /**
   * Shows `chat` and connects to it (`url` from the API, or null to ask for one), once the chat
   * machinery is here. If it cannot load, the panel says so and its retry resumes the chat from
   * the customer's session (`init`).
   */
  async enterChat(chat: WireChat, url: string | null): Promise<void> {
    let live: ChatController;
    try {
      live = await this.liveChat();
    } catch {
      this.view = "failed";
      return;
    }
    this.chat = live;
    this.view = "chat";
    this.notice = "";
    this.composeError = "";
    this.survey.reset(this.boot, this.config, chat);
    // The compact config omits `online: false`; a department it does not list counts as online.
    const department = this.config?.departments.find((d) => d.id === chat.departmentId);
    const online = department ? !!department.online : true;
    live.enter(chat, url, online);
  }

  /** After a closed chat: back to the form, with the list of past chats brought up to date. */
  newChat(): void {
    this.chat.reset();
    this.formError = "";
    this.survey.reset(null, null, null);
    this.showForm();
    if (this.boot) void this.history.load(this.boot);
    this.wantFocus = true;
  }

  /** Read receipts: everything shown counts as read while the panel and the page are visible. */
  #markRead(): void {
    if (this.visible && this.view === "chat" && document.visibilityState === "visible") this.chat.markRead();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("language") || changed.has("boot")) && this.boot && !hasPanelText(this.language)) {
      // Drawn once the language's texts arrive; in Portuguese if they cannot be loaded.
      const lang = this.language;
      loadLanguage(this.boot.server, lang).then(
        () => this.requestUpdate(),
        () => {
          this.#langFailed = lang;
          this.requestUpdate();
        },
      );
    }
    if (changed.has("config") && this.config) {
      void nextTask().then(() => preloadOffline(this));
      if (this.view === "form" || this.view === "offline") this.showForm();
      else if (this.view === "failed") void this.init();
    }
    beforeRender(this, changed.has("visible") && this.visible);
  }

  protected override updated(): void {
    afterRender(this);
    this.#markRead();
    this.#tellLoader();
  }

  /** The launcher's badge and visibility, and the look of the department in view. */
  #tellLoader(): void {
    const boot = this.boot;
    if (!boot) return;
    const look = this.currentLook();
    if (look !== this.#look) {
      this.#look = look;
      boot.setLook(look);
    }
    const open = this.chat.isOpen;
    const unread = this.view === "chat" ? this.chat.unread : 0;
    const state = `${unread}/${open}`;
    if (state !== this.#reported) {
      this.#reported = state;
      boot.report(unread, open);
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (this.shadowRoot && !this.boot?.popup && innerWidth < SMALL_SCREEN) trapTab(event, this.shadowRoot);
  }

  protected override render(): TemplateResult {
    if (!hasPanelText(this.language) && this.#langFailed !== this.language) return html`<section aria-busy="true"></section>`;
    const t = this.texts;
    return html`<section role="dialog" aria-labelledby="title" lang=${this.language} @keydown=${this.#onKeyDown}>
      ${renderHeaderView(this, t)} ${renderView(this, t)}
    </section>`;
  }
}

if (!customElements.get(PANEL_TAG)) customElements.define(PANEL_TAG, TomticketChatPanel);

// The rest of <tomticket-chat> after its launcher (core.ts) rides in this script: the loader
// loads it right after its first configuration answer.
import "./core";
// What /widget-chat.js takes from this script instead of bundling it again.
import "./panel-shared";
