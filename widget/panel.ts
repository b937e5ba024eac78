/**
 * `/widget-panel.js`: the chat panel, loaded by `/widget.js` on demand. Lit 3 without
 * decorators (`static properties`, `declare` fields, defaults in the constructor).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import type * as Protocol from "../durable-objects/protocol";
import type { WireChat } from "../durable-objects/protocol";
import type { WidgetConfigResponse, WidgetCustomer } from "../worker/views";
import { ApiRequestError, getConfig, startChat, type StartChatRequest } from "./api";
import { ChatController } from "./chat-controller";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot } from "./contract";
import { emit } from "./events";
import { panelText, type Lang, type PanelText } from "./i18n";
import { toRows } from "./messages";
import { renderClosed, renderCompose, renderForm, renderRow, type FormModel } from "./panel-views";
import { readToken, writeToken } from "./storage";
import { panelStyles } from "./styles";

/**
 * Mirrors `MAX_MESSAGE_LENGTH` of protocol.ts: importing the value would bundle zod. The type
 * annotation fails to compile if the two ever differ.
 */
const MAX_MESSAGE_LENGTH: typeof Protocol.MAX_MESSAGE_LENGTH = 5000;
/** Parts of this element that `<tomticket-chat>` re-exports to the host page. */
const PARTS =
  "header,title,status,minimize,end-chat,form,greeting,department,error,start,messages,message," +
  "message-customer,message-attendant,message-system,author,body,meta,retry,typing,compose,send," +
  "counter,closed,new-chat,offline";

type View = "loading" | "failed" | "form" | "offline" | "chat";

/**
 * The inside of the chat widget: pre-chat form, conversation, closed state. Internal: created
 * by `<tomticket-chat>` in its shadow root, which also owns opening, closing and Escape.
 *
 * @prop boot - what the loader knows (account, server, config, session); set once
 * @prop language - `pt-BR` or `en`
 * @prop visible - whether the panel is on screen (read receipts are sent only then)
 *
 * @fires tomticket-chat:chat-started - `{ chatId, departmentId }`
 * @fires tomticket-chat:message - `{ message }` for each new message
 * @fires tomticket-chat:chat-ended - `{ chatId, closedBy }`
 * @fires tomticket-chat-minimize - internal, not composed: the minimize button was pressed
 *
 * @csspart header, title, status, minimize, end-chat - the top bar
 * @csspart form, greeting, department, error, start - the pre-chat form
 * @csspart messages, message, message-customer|attendant|system, author, body, meta, retry, typing
 * @csspart compose, send, counter - the message input
 * @csspart closed, new-chat - the closed state; offline - no department online
 *
 * @cssprop --tt-primary, --tt-on-primary, --tt-text, --tt-muted, --tt-border, --tt-error, --tt-focus
 * @cssprop --tt-customer-bubble, --tt-attendant-bubble - message backgrounds
 * @cssprop --tt-font - font family
 */
export class TomticketChatPanel extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    boot: { attribute: false },
    language: { attribute: false },
    visible: { attribute: false },
    view: { state: true },
    config: { state: true },
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
  declare protected view: View;
  declare protected config: WidgetConfigResponse | null;
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
  #started = false;
  #wantFocus = false;
  #stick = true;
  #onVisibility = (): void => this.#markRead();
  #onOnline = (): void => this.#chat.reconnectNow();

  constructor() {
    super();
    this.boot = null;
    this.language = "pt-BR";
    this.visible = false;
    this.view = "loading";
    this.config = null;
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
      onClosed: () => {
        // The message input disappears: keep the keyboard user inside the panel.
        if (this.shadowRoot?.activeElement) this.#wantFocus = true;
      },
      onUnsupported: () => (this.composeError = this.#t.errors.unsupported_version),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("exportparts", PARTS);
    document.addEventListener("visibilitychange", this.#onVisibility);
    window.addEventListener("online", this.#onOnline);
    const boot = this.boot;
    if (!this.#started && boot) {
      this.#started = true;
      void this.#init(boot, boot.config);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.#onVisibility);
    window.removeEventListener("online", this.#onOnline);
  }

  /** Moves focus to the first empty form field, the message input or the closed state's button. */
  focusFirst(): void {
    this.#wantFocus = true;
    this.requestUpdate();
  }

  get #t(): PanelText {
    return panelText[this.language] ?? panelText["pt-BR"];
  }

  async #init(boot: PanelBoot, config: Promise<WidgetConfigResponse>): Promise<void> {
    this.view = "loading";
    try {
      this.config = await config;
    } catch {
      this.view = "failed";
      return;
    }
    const session = await boot.session();
    if (session) {
      this.customer = session.customer;
      if (session.chat) {
        this.#enterChat(session.chat, session.ws?.url ?? null);
        return;
      }
    }
    this.#showForm();
  }

  /** The department fixed by the embed, if the account has it. */
  #fixedDepartment(): string | null {
    const fixed = this.boot?.department;
    return fixed && this.config?.departments.some((d) => d.id === fixed) ? fixed : null;
  }

  #showForm(): void {
    const departments = this.config?.departments ?? [];
    const fixed = this.#fixedDepartment();
    const first = departments.find((d) => d.online && (!fixed || d.id === fixed));
    this.department = first?.id ?? "";
    this.view = first ? "form" : "offline";
  }

  #enterChat(chat: WireChat, url: string | null): void {
    this.view = "chat";
    this.notice = "";
    this.composeError = "";
    const online = this.config?.departments.find((d) => d.id === chat.departmentId)?.online ?? true;
    this.#chat.enter(chat, url, online);
  }

  #newChat(): void {
    this.#chat.reset();
    this.formError = "";
    this.#showForm();
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
    const message = field("message");
    if (message.length > MAX_MESSAGE_LENGTH) {
      this.formError = t.tooLong(message.length, MAX_MESSAGE_LENGTH);
      return;
    }
    const request: StartChatRequest = {
      account: boot.account,
      departmentId: this.#fixedDepartment() ?? field("department"),
      name: field("name"),
      email: field("email"),
      message,
      pageUrl: location.href.slice(0, 2000),
      origin: "widget",
    };
    this.busy = true;
    this.formError = "";
    this.notice = "";
    try {
      const answer = await this.#postChat(boot, request);
      writeToken(boot.account, answer.customerToken);
      this.customer = answer.customer;
      this.#wantFocus = true;
      this.#enterChat(answer.chat, answer.ws.url);
      emit(this, "tomticket-chat:chat-started", { chatId: answer.chat.id, departmentId: answer.chat.departmentId });
    } catch (error) {
      const errors: Record<string, string | undefined> = t.errors;
      this.formError = (error instanceof ApiRequestError && errors[error.code]) || t.errors.generic;
    } finally {
      this.busy = false;
    }
  }

  async #postChat(boot: PanelBoot, request: StartChatRequest) {
    const token = readToken(boot.account);
    try {
      return await startChat(boot.server, request, token);
    } catch (error) {
      // A stale token must not block a new chat: start over as a new customer.
      if (!token || !(error instanceof ApiRequestError && error.status === 401)) throw error;
      writeToken(boot.account, null);
      return startChat(boot.server, request, null);
    }
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

  // ------------------------------------------------------------------ rendering

  protected override willUpdate(changed: PropertyValues<this>): void {
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
  }

  #focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    switch (this.view) {
      case "loading":
        return null;
      case "form": {
        const fields = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")];
        return fields.find((f) => !f.value) ?? fields[0] ?? null;
      }
      case "chat":
        return root.querySelector<HTMLElement>('textarea[name="compose"], button[part="new-chat"]');
      default:
        return root.querySelector<HTMLElement>('button[part="minimize"]');
    }
  }

  #status(): string {
    const t = this.#t;
    const { chat, connState, online } = this.#chat;
    if (this.view !== "chat" || !chat) return "";
    if (chat.status === "closed") return t.closed;
    if (connState === "connecting") return t.connecting;
    if (connState === "reconnecting") return t.reconnecting;
    if (chat.status === "waiting") return online ? t.waiting : t.waitingOffline;
    return chat.attendant ? t.joined(chat.attendant.name) : "";
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const chatOpen = this.view === "chat" && this.#chat.isOpen;
    return html`<section role="dialog" aria-labelledby="title" lang=${this.language}>
      <header part="header">
        <div class="heading">
          <h2 part="title" id="title">${this.config?.account.name || t.title}</h2>
          <p part="status" role="status">${this.#status()}</p>
        </div>
        ${chatOpen
          ? html`<button part="end-chat" type="button" @click=${() => this.#chat.closeChat()}>${t.endChat}</button>`
          : nothing}
        <button
          part="minimize"
          type="button"
          aria-label=${t.minimize}
          @click=${() => this.dispatchEvent(new Event(MINIMIZE_EVENT))}
        >
          <span aria-hidden="true">–</span>
        </button>
      </header>
      ${this.#renderView(t)}
    </section>`;
  }

  #renderView(t: PanelText): TemplateResult {
    switch (this.view) {
      case "loading":
        return html`<div class="body"><p>${t.loading}</p></div>`;
      case "failed":
        return html`<div class="body">
          <p role="alert">${t.loadFailed}</p>
          <button class="primary" type="button" @click=${this.#retryConfig}>${t.retry}</button>
        </div>`;
      case "offline":
        return html`<div class="body"><p part="offline">${t.offline}</p></div>`;
      case "form":
        return html`<div class="body">${renderForm(this.#formModel(), t)}</div>`;
      case "chat":
        return this.#renderChat(t);
    }
  }

  #retryConfig(): void {
    const boot = this.boot;
    if (boot) void this.#init(boot, getConfig(boot.server, boot.account));
  }

  #formModel(): FormModel {
    return {
      departments: this.#fixedDepartment() ? null : (this.config?.departments ?? []),
      greeting: this.config?.departments.find((d) => d.id === this.department)?.initialMessage ?? "",
      department: this.department,
      name: this.customer?.name ?? "",
      email: this.customer?.email ?? "",
      busy: this.busy,
      notice: this.notice,
      error: this.formError,
      onSubmit: (event) => void this.#start(event),
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
        : renderClosed(chat.chat?.closedBy ?? null, t, () => this.#newChat())}`;
  }
}

if (!customElements.get(PANEL_TAG)) customElements.define(PANEL_TAG, TomticketChatPanel);
