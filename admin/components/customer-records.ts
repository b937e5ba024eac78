/**
 * The records on a customer's page (Gestão › Clientes): their chats, each number opening the
 * transcript (`#/history/<chat id>`), and their offline messages. Customer-typed text goes
 * through Lit text bindings, never markup. Styles: `tableStyles` and the page's.
 */
import { html } from "lit";
import type { ChatListItem, OfflineMessageItem } from "../../worker/views";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";

const STATUS_LABELS: Record<ChatListItem["status"], MessageKey> = {
  waiting: "customers.status.waiting",
  active: "customers.status.active",
  closed: "customers.status.closed",
};

const time = (ms: number) => html`<time datetime=${new Date(ms).toISOString()}>${formatDateTime(ms)}</time>`;

/** The customer's chats as a table (or a line saying there are none). */
export function customerChats(chats: ChatListItem[]) {
  if (chats.length === 0) {
    return html`<h2 class="section">${t("customers.chats")}</h2>
      <p class="muted">${t("customers.noChats")}</p>`;
  }
  return html`<table role="table" data-testid="customer-chats">
    <caption>
      <h2 class="section">${t("customers.chats")}</h2>
    </caption>
    <thead role="rowgroup">
      <tr role="row">
        <th role="columnheader" scope="col">${t("customers.chatNumber")}</th>
        <th role="columnheader" scope="col">${t("chat.department")}</th>
        <th role="columnheader" scope="col">${t("chat.status")}</th>
        <th role="columnheader" scope="col">${t("customers.chatDate")}</th>
      </tr>
    </thead>
    <tbody role="rowgroup">
      ${chats.map(
        (chat) => html`<tr role="row" data-testid="customer-chat" data-chat-id=${chat.id}>
          <td role="cell" data-label=${t("customers.chatNumber")}>
            <a href="#/history/${encodeURIComponent(chat.id)}" aria-label=${t("customers.openChat", { number: chat.number })}>#${chat.number}</a>
          </td>
          <td role="cell" data-label=${t("chat.department")}>${chat.departmentName}</td>
          <td role="cell" data-label=${t("chat.status")}>${t(STATUS_LABELS[chat.status])}</td>
          <td role="cell" class="nowrap" data-label=${t("customers.chatDate")}>${time(chat.createdAt)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The customer's offline messages, newest first (or a line saying there are none). */
export function customerOfflineMessages(messages: OfflineMessageItem[]) {
  return html`<h2 class="section" id="offline-heading">${t("customers.offlineMessages")}</h2>
    ${messages.length === 0
      ? html`<p class="muted">${t("customers.noOfflineMessages")}</p>`
      : html`<ul aria-labelledby="offline-heading" class="records">
          ${messages.map(
            (m) => html`<li data-testid="customer-offline-message" data-id=${m.id}>
              <p class="hint">${time(m.createdAt)} · ${m.departmentName ?? t("offline.noDepartment")}</p>
              <p class="message">${m.message}</p>
            </li>`,
          )}
        </ul>`}`;
}
