/**
 * The footer chat of a page we host (Painel do Cliente, Base de Conhecimento, app Meu
 * Suporte): the same `/widget.js` and `<tomticket-chat>` a customer's site embeds, with the
 * surface's origin and department, and, for a logged-in customer, their identity signed with
 * the account's secret so the chat skips the pre-chat form and lands on the same customer.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { normalizeEmail } from "../customer-identity";
import type { SurfaceChat } from "./settings";

/** The customer the page knows, whose chats it should join. */
export interface SurfaceCustomer {
  name: string;
  email: string;
}

/** HMAC-SHA256 of the normalized e-mail with the account's secret, in hex: the customer-hash the widget verifies. */
export async function signCustomerEmail(secret: string, email: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(normalizeEmail(email))));
  return [...signature].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The attributes of `<tomticket-chat>` for this surface (strings only; the caller escapes them). */
export async function surfaceChatAttributes(
  chat: SurfaceChat,
  account: { publicKey: string; secret: string },
  customer?: SurfaceCustomer | null,
  lang?: string,
): Promise<Record<string, string>> {
  const attributes: Record<string, string> = { account: account.publicKey, origin: chat.origin };
  if (chat.departmentId) attributes.department = chat.departmentId;
  if (lang) attributes.lang = lang;
  if (customer) {
    attributes.name = customer.name;
    attributes.email = customer.email;
    attributes["customer-hash"] = await signCustomerEmail(account.secret, customer.email);
  }
  return attributes;
}

/**
 * The script tag that puts the chat at the page's footer, every attribute escaped (a customer's
 * name is theirs to type). Nothing when the surface shows no chat.
 */
export async function surfaceChatScript(
  chat: SurfaceChat | null,
  account: { publicKey: string; secret: string },
  customer?: SurfaceCustomer | null,
  lang?: string,
): Promise<HtmlEscapedString | string> {
  if (!chat) return "";
  const attributes = await surfaceChatAttributes(chat, account, customer, lang);
  const data = Object.entries(attributes).map(([name, value]) => html` data-${raw(name)}="${value}"`);
  return html`<script src="/widget.js"${data} async></script>`;
}
