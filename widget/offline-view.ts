/**
 * Nobody is online: the offline title and text over a form that leaves a message for the team
 * (name, e-mail unless known, department when choosing, message), then the thanks; the
 * previous conversations under it.
 */
import { html, nothing, type TemplateResult } from "lit";
import { MAX_MESSAGE_LENGTH } from "../durable-objects/protocol";
import { departmentSelect, field, identityFields } from "./form-fields";
import { renderHistoryList } from "./history-views";
import { errorText, type PanelText } from "./i18n";
import { knownCustomer } from "./identity";
import type { TomticketChatPanel } from "./panel";

export function renderOfflineView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const { offline } = panel;
  const departments = panel.config?.departments ?? [];
  const sent = offline.state === "sent";
  const busy = offline.state === "sending";
  const fixed = panel.fixedDepartment();
  const full = departments.some((d) => d.busy && (!fixed || d.id === fixed));
  return html`<div class="body">
    <div part="offline">
      <h3 id="tt-offline-title">${t.offlineTitle}</h3>
      ${backAt(panel, t)}
      ${sent
        ? nothing
        : html`<p id="tt-offline-text">${full ? t.offlineBusy : t.offlineText}</p>
            <form
              part="offline-form"
              aria-labelledby="tt-offline-title"
              aria-describedby="tt-offline-text"
              @submit=${(event: SubmitEvent) => void leaveMessage(panel, event)}
            >
              ${identityFields(panel, t)}
              ${panel.fixedDepartment() || !departments.length
                ? nothing
                : departmentSelect(panel, departments, t, true)}
              ${field(
                "tt-message",
                t.messageLabel,
                html`<textarea id="tt-message" name="message" required rows="4" maxlength=${MAX_MESSAGE_LENGTH} .value=${written(panel)}></textarea>`,
              )}
              <p role="alert" part="error">${offline.error && errorText(t, offline.error)}</p>
              <button type="submit" class="primary" part="start" ?disabled=${busy}>${busy ? t.pending : t.sendButton}</button>
            </form>`}
      <p part="offline-sent" role="status">${sent ? t.offlineSent : ""}</p>
    </div>
    ${renderHistoryList(panel, t)}
  </div>`;
}

/**
 * A blank line between messages, decoded at run time: esbuild turns any newline string into a
 * template literal with raw newlines, which the build's template squeeze
 * (scripts/build-assets.mjs) turns into a space.
 */
const PARAGRAPH: string = JSON.parse('"\\n\\n"');

/** What the customer wrote in a chat the department's close left waiting (else nothing): kept in the form. */
function written(panel: TomticketChatPanel): string {
  const { chat } = panel;
  if (!chat.queueClosed) return "";
  return chat.messages
    .filter((m) => m.author.type === "customer")
    .map((m) => m.body)
    .join(PARAGRAPH)
    .slice(0, MAX_MESSAGE_LENGTH);
}

/**
 * "Voltamos segunda-feira às 09:00": the soonest opening of the departments offered, on the
 * customer's clock (an empty day leaves two spaces, which HTML shows as one).
 */
function backAt(panel: TomticketChatPanel, t: PanelText) {
  const fixed = panel.fixedDepartment();
  const at = Math.min(panel.chat.opensAt || Infinity, ...(panel.config?.departments ?? []).map((d) => ((!fixed || d.id === fixed) && d.opensAt) || Infinity));
  if (at === Infinity) return nothing;
  const date = new Date(at);
  const lang = panel.language;
  const day = date.toDateString() === new Date().toDateString() ? "" : date.toLocaleDateString(lang, { weekday: "long" });
  return html`<p part="offline-back">${t.backAt(day, date.toLocaleTimeString(lang, { timeStyle: "short" }))}</p>`;
}

async function leaveMessage(panel: TomticketChatPanel, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.currentTarget;
  const boot = panel.boot;
  if (!boot || !(form instanceof HTMLFormElement)) return;
  await panel.offline.submit(boot, form, knownCustomer(boot, panel.customer), panel.fixedDepartment());
  if (panel.offline.state !== "sent") return;
  // The form is gone: keep the keyboard user inside the panel.
  panel.wantFocus = true;
  // Sent instead of a chat left waiting by the close: that chat ends (the message has what it said).
  if (panel.chat.queueClosed) panel.chat.closeChat();
}
