/**
 * The pre-chat form: name, e-mail (unless known), department (unless fixed), first message;
 * the previous conversations under it. Submitting starts the chat (`POST /api/widget/chats`).
 */
import { html, nothing, type TemplateResult } from "lit";
import { MAX_MESSAGE_LENGTH } from "../durable-objects/protocol";
import { ApiRequestError, type StartChatRequest } from "./api";
import { emit } from "./events";
import { chatOrigin, departmentSelect, field, formFields, identityFields, pageUrl } from "./form-fields";
import { renderHistoryList } from "./history-views";
import { errorText, type PanelText } from "./i18n";
import { knownCustomer, startChatAs, verifiedHash } from "./identity";
import type { TomticketChatPanel } from "./panel";
import { writeChatStarted, writeToken } from "./storage";

/** The form view. A greeting set in the console wins over the department's first message. */
export function renderFormView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const departments = panel.config?.departments ?? [];
  const greeting =
    panel.currentLook()?.texts?.greeting || departments.find((d) => d.id === panel.department)?.initialMessage || t.greeting;
  const busy = panel.busy;
  return html`<div class="body">
    <form part="form" @submit=${(event: SubmitEvent) => void start(panel, event)}>
      ${panel.notice ? html`<p role="alert">${panel.notice}</p>` : nothing}
      <p part="greeting">${greeting}</p>
      ${identityFields(panel, t)}
      ${panel.fixedDepartment()
        ? nothing
        : departmentSelect(panel, departments, t, false)}
      ${field("tt-message", t.messageLabel, html`<textarea id="tt-message" name="message" required rows="4"></textarea>`)}
      <p role="alert" part="error">${panel.formError}</p>
      <button type="submit" class="primary" part="start" ?disabled=${busy}>${busy ? t.starting : t.startButton}</button>
    </form>
    ${renderHistoryList(panel, t)}
  </div>`;
}

/**
 * Starts the chat as the stored customer (or a new one), keeps its token, tells other tabs,
 * and enters the chat. A refusal shows under the form.
 */
async function start(panel: TomticketChatPanel, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const boot = panel.boot;
  const form = event.currentTarget;
  if (!boot || !(form instanceof HTMLFormElement) || panel.busy) return;
  const t = panel.texts;
  const field = formFields(form);
  const known = knownCustomer(boot, panel.customer);
  const message = field("message");
  if (message.length > MAX_MESSAGE_LENGTH) {
    panel.formError = t.tooLong(message.length, MAX_MESSAGE_LENGTH);
    return;
  }
  const request: StartChatRequest = {
    account: boot.account,
    departmentId: panel.fixedDepartment() ?? field("department"),
    name: known.skipName ? known.name : field("name"),
    email: known.skipEmail ? known.email : field("email"),
    message,
    pageUrl: pageUrl(),
    origin: chatOrigin(boot),
    customerHash: verifiedHash(boot) ?? undefined,
    pageTitle: document.title.trim().slice(0, 300) || undefined,
  };
  panel.busy = true;
  panel.formError = panel.notice = "";
  try {
    const answer = await startChatAs(boot, request);
    writeToken(boot, answer.customerToken);
    writeChatStarted(boot, answer.chat.id);
    panel.customer = answer.customer;
    panel.wantFocus = true;
    await panel.enterChat(answer.chat, answer.ws.url);
    emit(panel, "tomticket-chat:chat-started", { chatId: answer.chat.id, departmentId: answer.chat.departmentId });
  } catch (error) {
    panel.formError = errorText(t, error instanceof ApiRequestError ? error.code : undefined);
  } finally {
    panel.busy = false;
  }
}
