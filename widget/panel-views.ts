/**
 * Templates of the panel's views, as plain functions of what they show. Every customer- or
 * attendant-supplied string goes through a Lit text or attribute binding, which escapes it:
 * never `innerHTML` or `unsafeHTML` here, people do type markup into chats.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { ClosedBy } from "../durable-objects/protocol";
import type { WidgetDepartment } from "../worker/views";
import type { Lang, PanelText } from "./i18n";
import type { Row } from "./messages";

export interface FormModel {
  /** Departments to choose from, or null when the embed fixes one. */
  departments: WidgetDepartment[] | null;
  /** Greeting of the selected department ("" for the default one). */
  greeting: string;
  department: string;
  /** Prefill for a returning customer. */
  name: string;
  email: string;
  busy: boolean;
  notice: string;
  error: string;
  onSubmit(event: SubmitEvent): void;
  onDepartment(id: string): void;
}

/** The pre-chat form: name, e-mail, department (unless fixed), first message. */
export function renderForm(model: FormModel, t: PanelText): TemplateResult {
  const { departments } = model;
  return html`<form part="form" @submit=${model.onSubmit}>
    ${model.notice ? html`<p role="alert">${model.notice}</p>` : nothing}
    <p part="greeting">${model.greeting || t.greeting}</p>
    <div class="field">
      <label for="tt-name">${t.name}</label>
      <input id="tt-name" name="name" autocomplete="name" required maxlength="120" value=${model.name} />
    </div>
    <div class="field">
      <label for="tt-email">${t.email}</label>
      <input id="tt-email" name="email" type="email" autocomplete="email" required maxlength="254" value=${model.email} />
    </div>
    ${departments
      ? html`<div class="field">
          <label for="tt-department">${t.department}</label>
          <select
            id="tt-department"
            name="department"
            part="department"
            required
            @change=${(event: Event) => {
              if (event.target instanceof HTMLSelectElement) model.onDepartment(event.target.value);
            }}
          >
            ${departments.map(
              (d) =>
                html`<option value=${d.id} ?disabled=${!d.online} ?selected=${d.id === model.department}>${d.name}${d.online ? "" : t.offlineSuffix}</option>`,
            )}
          </select>
        </div>`
      : nothing}
    <div class="field">
      <label for="tt-message">${t.firstMessage}</label>
      <textarea id="tt-message" name="message" required rows="4"></textarea>
    </div>
    <p role="alert" part="error">${model.error}</p>
    <button type="submit" class="primary" part="start" ?disabled=${model.busy}>${model.busy ? t.starting : t.start}</button>
  </form>`;
}

const formatters = new Map<Lang, Intl.DateTimeFormat>();

function time(at: number, lang: Lang): string {
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
    formatters.set(lang, formatter);
  }
  return formatter.format(at);
}

/** One message. `onRetry` is offered for a refused message while the chat is open. */
export function renderRow(row: Row, t: PanelText, lang: Lang, onRetry: (() => void) | null): TemplateResult {
  const receipt = row.receipt;
  return html`<li
    part="message message-${row.author}"
    data-author=${row.author}
    data-seq=${row.seq ?? nothing}
    data-receipt=${receipt ?? nothing}
  >
    ${row.author === "attendant" ? html`<span part="author">${row.name}</span>` : nothing}
    <p part="body">${row.body}</p>
    ${row.author === "system"
      ? nothing
      : html`<span part="meta"
          >${time(row.createdAt, lang)}${receipt ? ` · ${t[receipt]}` : ""}${receipt === "failed" && onRetry
            ? html`<button part="retry" type="button" @click=${onRetry}>${t.retry}</button>`
            : nothing}</span
        >`}
  </li>`;
}

export interface ComposeModel {
  length: number;
  max: number;
  error: string;
  onSubmit(event: SubmitEvent): void;
  onInput(): void;
  onKeyDown(event: KeyboardEvent): void;
  onBlur(): void;
}

/** Shows the character count only near the limit. */
const COUNTER_FROM = 0.9;

/** The message input of an open chat. Enter sends, Shift+Enter breaks the line. */
export function renderCompose(model: ComposeModel, t: PanelText): TemplateResult {
  const over = model.length > model.max;
  return html`<form part="compose" @submit=${model.onSubmit}>
      <label class="sr" for="tt-compose">${t.compose}</label>
      <textarea
        id="tt-compose"
        name="compose"
        rows="2"
        placeholder=${t.composePlaceholder}
        aria-invalid=${over ? "true" : "false"}
        aria-describedby="tt-compose-error"
        @input=${model.onInput}
        @keydown=${model.onKeyDown}
        @blur=${model.onBlur}
      ></textarea>
      <button part="send" type="submit" class="primary" aria-label=${t.send}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5V10l12 2-12 2z" /></svg>
      </button>
    </form>
    ${model.length >= model.max * COUNTER_FROM
      ? html`<p part="counter">${t.counter(model.length, model.max)}</p>`
      : nothing}
    <div class="footer-alert"><p role="alert" id="tt-compose-error">${model.error}</p></div>`;
}

/** The closed state, with the way to start over. */
export function renderClosed(closedBy: ClosedBy | null, t: PanelText, onNewChat: () => void): TemplateResult {
  const text =
    closedBy === "customer"
      ? t.closedByYou
      : closedBy === "attendant"
        ? t.closedByAttendant
        : closedBy === "system"
          ? t.closedBySystem
          : t.closed;
  return html`<div part="closed">
    <p>${text}</p>
    <button part="new-chat" type="button" class="primary" @click=${onNewChat}>${t.newChat}</button>
  </div>`;
}
