/**
 * `/widget-panel.js`: the chat panel, loaded by `/widget.js` on demand. Lit 3 without
 * decorators (`static properties`, `declare` fields, defaults in the constructor).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { MAX_MESSAGE_LENGTH } from "../durable-objects/protocol";
import type { WireChat } from "../durable-objects/protocol";
import type { EffectiveLook, WidgetConfigResponse, WidgetCustomer, WidgetHistoryChat } from "../worker/views";
import { ApiRequestError, type StartChatRequest } from "./api";
import { ChatController } from "./chat-controller";
import { renderClosed } from "./closed-views";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot } from "./contract";
import { emit } from "./events";
import { HistoryController } from "./history-controller";
import { renderHistory, renderTranscript } from "./history-views";
import { errorText, textsFor, type Lang, type PanelText } from "./i18n";
import { identifyCustomer, knownCustomer, startChatAs, verifiedHash } from "./identity";
import { toRows } from "./messages";
import { OfflineController } from "./offline-controller";
import { renderCompose, renderForm, renderHeader, renderOffline, renderRow, type FormModel, type OfflineModel } from "./panel-views";
import { beep } from "./sound";
import { writeChatStarted, writeToken } from "./storage";
import { SurveyController } from "./survey-controller";
import { panelStyles } from "./styles";
import { followVisualViewport, SMALL_SCREEN, trapTab } from "./viewport";

/** Parts of this element that `<tomticket-chat>` re-exports to the host page. */
const PARTS =
  "header,title,status,popout,minimize,end-chat,form,greeting,department,error,start,offline,offline-form,offline-sent,messages,message," +
  "message-customer,message-attendant,message-system,author,body,meta,retry,typing,compose,send,counter," +
  "closed,survey,survey-thanks,new-chat,history,transcript,back";

type View = "loading" | "failed" | "form" | "offline" | "chat" | "transcript";

/**
 * The inside of the chat widget: pre-chat form or offline form, previous conversations,
 * conversation, closed state with the survey. Internal: created by `<tomticket-chat>` in its
 * shadow root, which also owns opening, closing and Escape.
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
 * @csspart form, greeting, department, error, start - the pre-chat form
 * @csspart offline, offline-form, offline-sent - nobody online: the message form and its thanks
 * @csspart history, transcript, back - previous conversations (verified customers)
 * @csspart messages, message, message-customer|attendant|system, author, body, meta, retry, typing
 * @csspart compose, send, counter - the message input
 * @csspart closed, survey, survey-thanks, new-chat - the closed state and the satisfaction survey
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
  declare config: WidgetConfigResponse | null;
  declare protected view: View;
  declare protected customer: WidgetCustomer | null;
  /** Selected department in the form. */
  declare protected department: string;
  declare protected busy: boolean;
  /** Shown above the form, e.g. "your session has expired". */
  declare protected notice: string;
  declare protected formError: string;
  declare protected composeError: string;
  declare protected draftLength: number;

  #chat: ChatController;
  #history = new HistoryController(this);
  #survey = new SurveyController(this);
  #offline = new OfflineController(this);
  #started = false;
  #wantFocus = false;
  #stick = true;
  #reported = "";
  #look: EffectiveLook | undefined;
  #stopViewport: (() => void) | undefined;
  #onVisibility = (): void => {
    this.#markRead();
    this.requestUpdate();
  };
  #onOnline = (): void => this.#chat.reconnectNow();

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
    this.#chat = new ChatController(this, {
      onExpired: () => {
        this.customer = null;
        this.#showForm();
        this.notice = this.#t.sessionExpired;
      },
      onClosed: (chat) => {
        this.#survey.reset(this.boot, this.config, chat);
        // The message input disappears: keep the keyboard user inside the panel.
        if (this.shadowRoot?.activeElement) this.#wantFocus = true;
      },
      onUnsupported: () => (this.composeError = this.#t.errors.unsupported_version),
    });
    this.addEventListener("tomticket-chat:message", (event) => {
      const hidden = !this.visible || document.visibilityState !== "visible";
      if (hidden && event.detail.author.type === "attendant" && this.boot?.host.hasAttribute("sound")) beep();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("exportparts", PARTS);
    this.toggleAttribute("popup", !!this.boot?.popup);
    document.addEventListener("visibilitychange", this.#onVisibility);
    window.addEventListener("online", this.#onOnline);
    this.#stopViewport = followVisualViewport(this);
    if (!this.#started && this.boot) {
      this.#started = true;
      void this.#init();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.#onVisibility);
    window.removeEventListener("online", this.#onOnline);
    this.#stopViewport?.();
  }

  /** Moves focus to the first empty form field, the message input or the closed state's button. */
  focusFirst(): void {
    this.#wantFocus = true;
    this.requestUpdate();
  }

  /** The stored customer changed (another tab started a chat, `setCustomer()`): load it again. */
  reload(): void {
    if (this.#started) void this.#init();
  }

  get #t(): PanelText {
    return textsFor(this.language, this.#currentLook()?.texts);
  }

  /** The look of the department in view (chosen, fixed or chatting with), else the account's. */
  #currentLook(): EffectiveLook | undefined {
    const config = this.config;
    const id = this.view === "chat" ? this.#chat.chat?.departmentId : this.department || this.boot?.department;
    return config?.departments.find((d) => d.id === id)?.look ?? config?.look;
  }

  async #init(): Promise<void> {
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
    this.customer = session?.customer ?? null;
    void this.#history.load(boot);
    const current = this.#chat.chat;
    if (session?.chat) {
      if (session.chat.id !== current?.id) this.#enterChat(session.chat, session.ws?.url ?? null);
      return;
    }
    if (!session && this.#chat.isOpen) {
      // The token is gone (forgotten in another tab): this chat cannot go on here.
      this.#chat.reset();
      this.notice = this.#t.sessionExpired;
    }
    if (this.view !== "chat" || !this.#chat.chat) this.#showForm();
  }

  /** The department fixed by the embed, if the account has it. */
  #fixedDepartment(): string | null {
    const fixed = this.boot?.department;
    return fixed && this.config?.departments.some((d) => d.id === fixed) ? fixed : null;
  }

  /**
   * The form, on the selected department if it is still online, else the first online one;
   * with none online, the offline form (which keeps the department chosen in it).
   */
  #showForm(): void {
    const fixed = this.#fixedDepartment();
    const all = this.config?.departments ?? [];
    const open = all.filter((d) => d.online && (!fixed || d.id === fixed));
    const pick = open.find((d) => d.id === this.department) ?? open[0];
    this.department = pick?.id ?? (all.some((d) => d.id === this.department) ? this.department : "");
    this.view = pick ? "form" : "offline";
  }

  #enterChat(chat: WireChat, url: string | null): void {
    this.view = "chat";
    this.notice = "";
    this.composeError = "";
    this.#survey.reset(this.boot, this.config, chat);
    const online = this.config?.departments.find((d) => d.id === chat.departmentId)?.online ?? true;
    this.#chat.enter(chat, url, online);
  }

  #newChat(): void {
    this.#chat.reset();
    this.formError = "";
    this.#survey.reset(null, null, null);
    this.#showForm();
    if (this.boot) void this.#history.load(this.boot);
    this.#wantFocus = true;
  }

  /** Read receipts: everything shown counts as read while the panel and the page are visible. */
  #markRead(): void {
    if (this.visible && this.view === "chat" && document.visibilityState === "visible") this.#chat.markRead();
  }

  // ------------------------------------------------------------------ user actions

  async #start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const boot = this.boot;
    const form = event.currentTarget;
    if (!boot || !(form instanceof HTMLFormElement) || this.busy) return;
    const t = this.#t;
    const data = new FormData(form);
    const field = (name: string): string => String(data.get(name) ?? "").trim();
    const known = knownCustomer(boot, this.customer);
    const message = field("message");
    if (message.length > MAX_MESSAGE_LENGTH) {
      this.formError = t.tooLong(message.length, MAX_MESSAGE_LENGTH);
      return;
    }
    const request: StartChatRequest = {
      account: boot.account,
      departmentId: this.#fixedDepartment() ?? field("department"),
      name: known.skipName ? known.name : field("name"),
      email: known.skipEmail ? known.email : field("email"),
      message,
      pageUrl: /^https?:/.test(location.href) ? location.href.slice(0, 2000) : undefined,
      origin: "widget",
      customerHash: verifiedHash(boot) ?? undefined,
    };
    this.busy = true;
    this.formError = "";
    this.notice = "";
    try {
      const answer = await startChatAs(boot, request);
      writeToken(boot.account, answer.customerToken);
      writeChatStarted(boot.account, answer.chat.id);
      this.customer = answer.customer;
      this.#wantFocus = true;
      this.#enterChat(answer.chat, answer.ws.url);
      emit(this, "tomticket-chat:chat-started", { chatId: answer.chat.id, departmentId: answer.chat.departmentId });
    } catch (error) {
      this.formError = errorText(t, error instanceof ApiRequestError ? error.code : undefined);
    } finally {
      this.busy = false;
    }
  }

  async #leaveMessage(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    if (!this.boot || !(form instanceof HTMLFormElement)) return;
    await this.#offline.submit(this.boot, form, knownCustomer(this.boot, this.customer), this.#fixedDepartment());
    // The form is gone: keep the keyboard user inside the panel.
    if (this.#offline.state === "sent") this.#wantFocus = true;
  }

  #send(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.#composeInput;
    if (!input || !this.#chat.isOpen) return;
    const body = input.value.trim();
    if (!body) return;
    if (body.length > MAX_MESSAGE_LENGTH) {
      this.composeError = this.#t.tooLong(body.length, MAX_MESSAGE_LENGTH);
      return;
    }
    input.value = "";
    this.draftLength = 0;
    this.composeError = "";
    this.#stick = true;
    this.#chat.send(body);
  }

  #onDraft(): void {
    const length = this.#composeInput?.value.trim().length ?? 0;
    this.draftLength = length;
    if (length <= MAX_MESSAGE_LENGTH && this.composeError) this.composeError = "";
    this.#chat.typed(length > 0);
  }

  #onComposeKey(event: KeyboardEvent): void {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLFormElement>('form[part="compose"]')?.requestSubmit();
    }
  }

  get #composeInput(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name="compose"]');
  }

  get #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(".body");
  }

  async #submitSurvey(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    if (!this.boot || !(form instanceof HTMLFormElement)) return;
    await this.#survey.submit(this.boot, form);
    if (this.#survey.state !== "ask") this.#wantFocus = true;
  }

  async #openTranscript(chat: WidgetHistoryChat): Promise<void> {
    if (!this.boot) return;
    this.view = "transcript";
    this.#wantFocus = true;
    await this.#history.open(this.boot, chat);
  }

  #closeTranscript(): void {
    this.#history.close();
    if (this.#chat.chat) this.view = "chat";
    else this.#showForm();
    this.#wantFocus = true;
  }

  // ------------------------------------------------------------------ rendering

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("config") && this.config) {
      if (this.view === "form" || this.view === "offline") this.#showForm();
      else if (this.view === "failed") void this.#init();
    }
    const scroller = this.#scroller;
    const nearBottom = !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
    if (nearBottom || (changed.has("visible") && this.visible)) this.#stick = true;
  }

  protected override updated(): void {
    if (this.#stick && this.view === "chat") {
      const scroller = this.#scroller;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    }
    this.#stick = false;
    if (this.#wantFocus && this.visible) {
      const target = this.#focusTarget();
      if (target) {
        this.#wantFocus = false;
        target.focus();
      }
    }
    this.#markRead();
    this.#tellLoader();
  }

  /** The launcher's badge and visibility, and the look of the department in view. */
  #tellLoader(): void {
    const boot = this.boot;
    if (!boot) return;
    const look = this.#currentLook();
    if (look !== this.#look) {
      this.#look = look;
      boot.setLook(look);
    }
    const unread = this.view === "chat" ? this.#chat.unread : 0;
    const state = `${unread}/${this.#chat.isOpen}`;
    if (state !== this.#reported) {
      this.#reported = state;
      boot.report(unread, this.#chat.isOpen);
    }
  }

  #focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    switch (this.view) {
      case "loading":
        return null;
      case "form":
      case "offline": {
        const fields = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("form input, form textarea")];
        const first = fields.find((f) => !f.value) ?? fields[0];
        if (first) return first;
        return root.querySelector<HTMLElement>('button[part="minimize"], button');
      }
      case "chat":
        return root.querySelector<HTMLElement>(
          'textarea[name="compose"], form[part="survey"] input, button[part="new-chat"]',
        );
      case "transcript":
        return root.querySelector<HTMLElement>('button[part="back"]');
      default:
        return root.querySelector<HTMLElement>('button[part="minimize"], button');
    }
  }

  #status(t: PanelText): string {
    const { chat, connState, online } = this.#chat;
    if (this.view !== "chat" || !chat) return "";
    if (chat.status === "closed") return t.closedText;
    if (connState === "connecting") return t.connecting;
    if (connState === "reconnecting") return t.reconnecting;
    if (chat.status === "waiting") return online ? t.waitingText : t.waitingOffline;
    return chat.attendant ? t.joined(chat.attendant.name) : "";
  }

  /** `<server>/chat/<key>?department=…&lang=…`: the pop-up chat page. */
  #popoutUrl(boot: PanelBoot): string {
    const query = new URLSearchParams();
    if (boot.department) query.set("department", boot.department);
    query.set("lang", this.language);
    return `${boot.server}/chat/${encodeURIComponent(boot.account)}?${query}`;
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (this.shadowRoot && !this.boot?.popup && innerWidth < SMALL_SCREEN) trapTab(event, this.shadowRoot);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const boot = this.boot;
    return html`<section role="dialog" aria-labelledby="title" lang=${this.language} @keydown=${this.#onKeyDown}>
      ${renderHeader(
        {
          title: this.#currentLook()?.texts.title || this.config?.account.name || t.title,
          status: this.#status(t),
          canEnd: this.view === "chat" && this.#chat.isOpen,
          popout: boot && !boot.popup ? this.#popoutUrl(boot) : null,
          onEnd: () => this.#chat.closeChat(),
          onMinimize: () => this.dispatchEvent(new Event(MINIMIZE_EVENT)),
        },
        t,
      )}
      ${this.#renderView(t)}
    </section>`;
  }

  /** The previous conversations, except `current`. */
  #renderHistory(t: PanelText, current?: string) {
    const all = this.#history.chats;
    const chats = current ? all.filter((c) => c.id !== current) : all;
    return renderHistory(chats, t, this.language, (chat) => void this.#openTranscript(chat));
  }

  #renderView(t: PanelText): TemplateResult {
    const history = this.#renderHistory(t);
    switch (this.view) {
      case "loading":
        return html`<div class="body"><p>${t.loading}</p></div>`;
      case "failed":
        return html`<div class="body">
          <p role="alert">${t.loadFailed}</p>
          <button class="primary" type="button" @click=${() => void this.#init()}>${t.retry}</button>
        </div>`;
      case "offline":
        return html`<div class="body">${renderOffline(this.#offlineModel(t), t)}${history}</div>`;
      case "form":
        return html`<div class="body">${renderForm(this.#formModel(), t)}${history}</div>`;
      case "transcript": {
        const view = this.#history.transcript;
        return view ? renderTranscript(view, t, this.language, () => this.#closeTranscript()) : html``;
      }
      case "chat":
        return this.#renderChat(t);
    }
  }

  #formModel(): FormModel {
    return {
      ...knownCustomer(this.boot, this.customer),
      departments: this.#fixedDepartment() ? null : (this.config?.departments ?? []),
      // A greeting set in the console wins over the department's first message.
      greeting:
        this.#currentLook()?.texts.greeting ||
        this.config?.departments.find((d) => d.id === this.department)?.initialMessage ||
        "",
      department: this.department,
      busy: this.busy,
      notice: this.notice,
      error: this.formError,
      onSubmit: (event) => void this.#start(event),
      onDepartment: (id) => (this.department = id),
    };
  }

  #offlineModel(t: PanelText): OfflineModel {
    const offline = this.#offline;
    const departments = this.config?.departments ?? [];
    return {
      ...knownCustomer(this.boot, this.customer),
      departments: this.#fixedDepartment() || !departments.length ? null : departments,
      department: this.department,
      max: MAX_MESSAGE_LENGTH,
      sent: offline.state === "sent",
      busy: offline.state === "sending",
      error: offline.error && errorText(t, offline.error),
      onSubmit: (event) => void this.#leaveMessage(event),
      onDepartment: (id) => (this.department = id),
    };
  }

  #renderChat(t: PanelText): TemplateResult {
    const chat = this.#chat;
    const rows = toRows(chat.messages, chat.pending, chat.receipts);
    const open = chat.isOpen;
    return html`<div class="body">
        <ol part="messages" aria-live="polite" aria-relevant="additions" aria-label=${t.messages}>
          ${rows.map((row) =>
            renderRow(row, t, this.language, open && row.clientId ? () => chat.retry(row.clientId ?? "") : null),
          )}
        </ol>
        ${chat.typingName ? html`<p part="typing">${t.typing(chat.typingName)}</p>` : nothing}
        ${open
          ? nothing
          : renderClosed(
              {
                closedBy: chat.chat?.closedBy ?? null,
                survey: this.#survey.state,
                error: this.#survey.error && errorText(t, this.#survey.error),
                onSurvey: (event) => void this.#submitSurvey(event),
                onNewChat: () => this.#newChat(),
              },
              t,
            )}
        ${open ? nothing : this.#renderHistory(t, chat.chat?.id)}
      </div>
      ${open
        ? renderCompose(
            {
              length: this.draftLength,
              max: MAX_MESSAGE_LENGTH,
              error: this.composeError,
              onSubmit: (event) => this.#send(event),
              onInput: () => this.#onDraft(),
              onKeyDown: (event) => this.#onComposeKey(event),
              onBlur: () => chat.stopTyping(),
            },
            t,
          )
        : nothing}`;
  }
}

if (!customElements.get(PANEL_TAG)) customElements.define(PANEL_TAG, TomticketChatPanel);
