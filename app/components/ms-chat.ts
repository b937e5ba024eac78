/**
 * `<ms-chat>`: the chat in the app, only rendered when the account turned it on ("Aplicativo
 * Meu Suporte > Ativar atendimento online"). It holds the same `<tomticket-chat>` every site
 * embeds, as a pop-up filling the view, with origin `app`, the account's fixed department if
 * any, and the logged-in customer's signed identity (so no pre-chat name and e-mail; the chat
 * lands on that customer). It stays on the page while another tab is shown, so an attendant's
 * message still raises a notification.
 */
import { nothing, type PropertyValues } from "lit";
import { LightElement } from "../light-element";
import { showNotification } from "../notifier";
import { TAB_HASH } from "../route";
import type { MeResponse } from "../types";
import type { MsApp } from "./ms-app";

/** The widget's element, as far as the app uses it (its JSDoc is in widget/loader.ts). */
interface ChatElement extends HTMLElement {
  setCustomer(customer: { name?: string; email?: string; hash?: string }): void;
}

interface WidgetMessageDetail {
  author: { type: "customer" | "attendant" | "system"; name: string };
  body: string;
}

export class MsChat extends LightElement {
  static override properties = { app: { attribute: false }, identity: { attribute: false } };
  declare app: MsApp;
  declare identity: MeResponse["identity"] | null;
  #chat: ChatElement | undefined;

  constructor() {
    super();
    this.identity = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.#chat) this.#mount();
    else if (changed.has("identity")) {
      const who = this.identity;
      const chat = this.#chat;
      // The element has its methods once /widget.js defined it, which may come after the login.
      void customElements.whenDefined("tomticket-chat").then(() => chat.setCustomer(who ? { name: who.name, email: who.email, hash: who.hash } : {}));
    }
  }

  /** Creates the element with every attribute set before it connects (it reads them once). */
  #mount(): void {
    const config = this.app.config;
    if (!config?.chat) return;
    const chat = document.createElement("tomticket-chat") as ChatElement;
    const attributes: Record<string, string> = {
      account: this.app.getAttribute("account") ?? "",
      mode: "popup",
      origin: "app",
      lang: this.app.language,
    };
    if (config.chat.departmentId) attributes.department = config.chat.departmentId;
    if (this.identity) Object.assign(attributes, { name: this.identity.name, email: this.identity.email, "customer-hash": this.identity.hash });
    for (const [name, value] of Object.entries(attributes)) chat.setAttribute(name, value);
    chat.addEventListener("tomticket-chat:message", (event) => this.#onMessage(event as CustomEvent<WidgetMessageDetail>));
    this.append(chat);
    this.#chat = chat;
    if (!customElements.get("tomticket-chat") && !document.querySelector('script[src="/widget.js"]')) {
      const script = document.createElement("script");
      script.src = "/widget.js";
      script.async = true;
      document.head.append(script);
    }
  }

  /** An attendant's message while the customer is not looking at the chat: a notification. */
  #onMessage(event: CustomEvent<WidgetMessageDetail>): void {
    const message = event.detail;
    if (message.author.type !== "attendant") return;
    if (document.visibilityState === "visible" && !this.hidden) return;
    void showNotification(this.app.texts.notifyChat, `${message.author.name}: ${message.body}`.slice(0, 200), "chat", TAB_HASH.chat, this.app.iconUrl());
  }

  override render() {
    return nothing;
  }
}

if (!customElements.get("ms-chat")) customElements.define("ms-chat", MsChat);
