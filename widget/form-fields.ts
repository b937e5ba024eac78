/**
 * The fields the pre-chat form and the offline form share: name, e-mail, department. Every
 * customer- or console-supplied string goes through a Lit binding, which escapes it: never
 * `innerHTML` or `unsafeHTML` in the widget, people do type markup into chats.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { CompactDepartment } from "../worker/views";
import { CHAT_ORIGINS, type ChatOrigin } from "./api";
import type { PanelBoot } from "./contract";
import type { PanelText } from "./i18n";
import { knownCustomer } from "./identity";
import type { TomticketChatPanel } from "./panel";

/** A labelled control. */
export const field = (id: string, label: string, control: TemplateResult): TemplateResult =>
  html`<div class="field"><label for=${id}>${label}</label>${control}</div>`;

/** The name and e-mail fields, each unless the page gave it or the customer is verified. */
export function identityFields(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const known = knownCustomer(panel.boot, panel.customer);
  return html`${known.skipName
    ? nothing
    : field("tt-name", t.nameLabel, html`<input id="tt-name" name="name" autocomplete="name" required maxlength="120" value=${known.name} />`)}
  ${known.skipEmail
    ? nothing
    : field(
        "tt-email",
        t.emailLabel,
        html`<input id="tt-email" name="email" type="email" autocomplete="email" required maxlength="254" value=${known.email} />`,
      )}`;
}

/**
 * The department select: to start a chat, offline departments are shown but cannot be chosen;
 * for a message left offline (`all`), every department can.
 */
export function departmentSelect(panel: TomticketChatPanel, departments: CompactDepartment[], t: PanelText, all: boolean): TemplateResult {
  return field(
    "tt-department",
    t.departmentLabel,
    html`<select
      id="tt-department"
      name="department"
      part="department"
      required
      @change=${(event: Event) => {
        if (event.target instanceof HTMLSelectElement) panel.department = event.target.value;
      }}
    >
      ${departments.map(
        (d) =>
          html`<option value=${d.id} ?disabled=${!all && !d.online} ?selected=${d.id === panel.department}>
            ${d.name}${all || d.online ? "" : t.offlineSuffix}
          </option>`,
      )}
    </select>`,
  );
}

/** The form's fields by name, trimmed. */
export function formFields(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? "").trim();
}

/** The page's address, sent with a chat or a message (not for `file:` or other odd pages). */
export const pageUrl = (): string | undefined => (/^https?:/.test(location.href) ? location.href.slice(0, 2000) : undefined);

/**
 * The surface the chat starts from: the element's `origin` (set by the pages we host: Painel do
 * Cliente, Base de Conhecimento, app), else "popup" for the pop-up page and "widget" elsewhere.
 */
export function chatOrigin(boot: PanelBoot): ChatOrigin {
  const declared = boot.host.getAttribute("origin");
  return (CHAT_ORIGINS as readonly string[]).includes(declared ?? "") ? (declared as ChatOrigin) : boot.popup ? "popup" : "widget";
}
