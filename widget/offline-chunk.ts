/**
 * `/widget-offline.js`: the offline form, loaded only when the department in view has nobody
 * online (offline-view.ts). The offline title and text over a form that leaves a message for
 * the team (name, e-mail unless known, department when choosing, message), then the thanks;
 * the previous conversations under it. Sent with `POST /api/widget/offline-messages`.
 */
import { MAX_MESSAGE_LENGTH } from "../durable-objects/protocol";
import type { OfflineMessageRequest } from "./api";
import { chunks } from "./chunks";
import { clockTime } from "./format-at";
import type { Lang, PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import type { PanelKit } from "./panel-kit";

// Its own sheet (the panel's styles.ts ships to every page); smaller on a short panel.
const STYLE = `[part="offline"]{display:grid;gap:12px}[part="offline"] p{margin:0}
@container (max-height:500px){[part="offline"]{gap:8px}[part="offline"] p{font-size:13px}}`;

function renderOffline(kit: PanelKit, panel: TomticketChatPanel, t: PanelText) {
  const { html, nothing } = kit;
  const { offline } = panel;
  const departments = panel.config?.departments ?? [];
  const sent = offline.state === "sent";
  const busy = offline.state === "sending";
  const fixed = panel.fixedDepartment();
  const full = departments.some((d) => d.busy && (!fixed || d.id === fixed));
  return html`<div class="body">
    <style>
      ${STYLE}
    </style>
    <div part="offline">
      <h3 id="tt-offline-title">${t.offlineTitle}</h3>
      ${backAt(kit, panel, t)}
      ${sent
        ? nothing
        : html`<p id="tt-offline-text">${full ? t.offlineBusy : t.offlineText}</p>
            <form
              part="offline-form"
              aria-labelledby="tt-offline-title"
              aria-describedby="tt-offline-text"
              @submit=${(event: SubmitEvent) => void leaveMessage(kit, panel, event)}
            >
              ${kit.identityFields(panel, t)}
              ${fixed || !departments.length ? nothing : kit.departmentSelect(panel, departments, t, true)}
              ${kit.field(
                "tt-message",
                t.messageLabel,
                html`<textarea id="tt-message" name="message" required rows="4" maxlength=${MAX_MESSAGE_LENGTH} .value=${written(panel)}></textarea>`,
              )}
              <p role="alert" part="error">${offline.error && kit.errorText(t, offline.error)}</p>
              <button type="submit" class="primary" part="start" ?disabled=${busy}>${busy ? t.pending : t.sendButton}</button>
            </form>`}
      <p part="offline-sent" role="status">${sent ? t.offlineSent : ""}</p>
    </div>
    ${kit.historyList(panel, t)}
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

/** Weekday names, Sunday first (as `weekday: "long"`; not `Intl`: see format-at.ts). */
const WEEKDAYS: Record<Lang, string[]> = {
  "pt-BR": ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  es: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
};

/**
 * "Voltamos segunda-feira às 09:00": the soonest opening of the departments offered, on the
 * customer's clock (an empty day leaves two spaces, which HTML shows as one).
 */
function backAt(kit: PanelKit, panel: TomticketChatPanel, t: PanelText) {
  const fixed = panel.fixedDepartment();
  const at = Math.min(panel.chat.opensAt || Infinity, ...(panel.config?.departments ?? []).map((d) => ((!fixed || d.id === fixed) && d.opensAt) || Infinity));
  if (at === Infinity) return kit.nothing;
  const date = new Date(at);
  const lang = panel.language;
  const day = date.toDateString() === new Date().toDateString() ? "" : (WEEKDAYS[lang][date.getDay()] ?? "");
  return kit.html`<p part="offline-back">${t.backAt(day, clockTime(date, lang))}</p>`;
}

async function leaveMessage(kit: PanelKit, panel: TomticketChatPanel, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.currentTarget;
  if (!(form instanceof HTMLFormElement)) return;
  await submit(kit, panel, form);
  if (panel.offline.state !== "sent") return;
  // The form is gone: keep the keyboard user inside the panel.
  panel.wantFocus = true;
  // Sent instead of a chat left waiting by the close: that chat ends (the message has what it said).
  if (panel.chat.queueClosed) panel.chat.closeChat();
}

/**
 * Sends the form: the fields the page did not give, the department fixed by the embed or
 * chosen, and the page's address. The stored customer token, when there is one, links the
 * message to the customer; a stale one must not lose the message, so it is sent again without
 * (`asCustomer`).
 */
async function submit(kit: PanelKit, panel: TomticketChatPanel, form: HTMLFormElement): Promise<void> {
  const { boot, offline } = panel;
  if (!boot || offline.state !== "form") return;
  const known = kit.knownCustomer(boot, panel.customer);
  const field = kit.formFields(form);
  const request: OfflineMessageRequest = {
    account: boot.account,
    departmentId: panel.fixedDepartment() ?? (field("department") || undefined),
    name: known.skipName ? known.name : field("name"),
    email: known.skipEmail ? known.email : field("email"),
    message: field("message"),
    pageUrl: kit.pageUrl(),
  };
  offline.state = "sending";
  offline.error = "";
  panel.requestUpdate();
  try {
    await kit.asCustomer(boot, (token) => kit.sendOfflineMessage(boot.server, request, token));
    offline.state = "sent";
  } catch (error) {
    offline.state = "form";
    offline.error = error instanceof kit.ApiRequestError ? error.code : "generic";
  }
  panel.requestUpdate();
}

chunks().offline = renderOffline;
