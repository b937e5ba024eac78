/**
 * Templates of the panel's views, as plain functions of what they show. Every customer- or
 * attendant-supplied string (and every text set in the console) goes through a Lit text or
 * attribute binding, which escapes it: never `innerHTML` or `unsafeHTML` here, people do type
 * markup into chats.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { WidgetDepartment } from "../worker/views";
import type { Lang, PanelText } from "./i18n";
import { linkify } from "./links";
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
  /** The page gave them (or the customer is verified): the fields are not shown. */
  skipName: boolean;
  skipEmail: boolean;
  busy: boolean;
  notice: string;
  error: string;
  onSubmit(event: SubmitEvent): void;
  onDepartment(id: string): void;
}

const field = (id: string, label: string, control: TemplateResult): TemplateResult =>
  html`<div class="field"><label for=${id}>${label}</label>${control}</div>`;

/** The name and e-mail fields (each unless skipped). */
function identityFields(t: PanelText, name: string | null, email: string | null): TemplateResult {
  return html`${name === null
    ? nothing
    : field("tt-name", t.nameLabel, html`<input id="tt-name" name="name" autocomplete="name" required maxlength="120" value=${name} />`)}
  ${email === null
    ? nothing
    : field(
        "tt-email",
        t.emailLabel,
        html`<input id="tt-email" name="email" type="email" autocomplete="email" required maxlength="254" value=${email} />`,
      )}`;
}

/**
 * The department select: while chatting, offline departments are shown but cannot be chosen;
 * for a message left offline (`all`), every department can.
 */
function departmentSelect(
  model: Pick<FormModel, "department" | "onDepartment">,
  departments: WidgetDepartment[],
  t: PanelText,
  all: boolean,
): TemplateResult {
  return field(
    "tt-department",
    t.departmentLabel,
    html`<select
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
          html`<option value=${d.id} ?disabled=${!all && !d.online} ?selected=${d.id === model.department}>
            ${d.name}${all || d.online ? "" : t.offlineSuffix}
          </option>`,
      )}
    </select>`,
  );
}

/** The pre-chat form: name, e-mail (unless known), department (unless fixed), first message. */
export function renderForm(model: FormModel, t: PanelText): TemplateResult {
  const { departments } = model;
  return html`<form part="form" @submit=${model.onSubmit}>
    ${model.notice ? html`<p role="alert">${model.notice}</p>` : nothing}
    <p part="greeting">${model.greeting || t.greeting}</p>
    ${identityFields(t, model.skipName ? null : model.name, model.skipEmail ? null : model.email)}
    ${departments ? departmentSelect(model, departments, t, false) : nothing}
    ${field("tt-message", t.messageLabel, html`<textarea id="tt-message" name="message" required rows="4"></textarea>`)}
    <p role="alert" part="error">${model.error}</p>
    <button type="submit" class="primary" part="start" ?disabled=${model.busy}>${model.busy ? t.starting : t.startButton}</button>
  </form>`;
}

/** The offline form: the pre-chat form's fields, sent as a message instead of starting a chat. */
export interface OfflineModel extends Omit<FormModel, "greeting" | "notice"> {
  /** Longest message the server takes. */
  max: number;
  /** The message was stored: the thanks replace the form. */
  sent: boolean;
}

/**
 * Nobody is online: the offline title and text over a form that leaves a message for the
 * team (name, e-mail unless known, department when choosing, message), then the thanks.
 */
export function renderOffline(model: OfflineModel, t: PanelText): TemplateResult {
  const { departments } = model;
  return html`<div part="offline">
    <h3 id="tt-offline-title">${t.offlineTitle}</h3>
    ${model.sent
      ? nothing
      : html`<p id="tt-offline-text">${t.offlineText}</p>
          <form part="offline-form" aria-labelledby="tt-offline-title" aria-describedby="tt-offline-text" @submit=${model.onSubmit}>
            ${identityFields(t, model.skipName ? null : model.name, model.skipEmail ? null : model.email)}
            ${departments ? departmentSelect(model, departments, t, true) : nothing}
            ${field(
              "tt-message",
              t.messageLabel,
              html`<textarea id="tt-message" name="message" required rows="4" maxlength=${model.max}></textarea>`,
            )}
            <p role="alert" part="error">${model.error}</p>
            <button type="submit" class="primary" part="start" ?disabled=${model.busy}>${model.busy ? t.pending : t.sendButton}</button>
          </form>`}
    <p part="offline-sent" role="status">${model.sent ? t.offlineSent : ""}</p>
  </div>`;
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
    <p part="body">${linkify(row.body)}</p>
    ${row.author === "system"
      ? nothing
      : html`<span part="meta"
          ><time datetime=${new Date(row.createdAt).toISOString()}>${time(row.createdAt, lang)}</time>${receipt
            ? ` · ${t[receipt]}`
            : ""}${receipt === "failed" && onRetry
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
      <button part="send" type="submit" class="primary" aria-label=${t.sendButton} title=${t.sendButton}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5V10l12 2-12 2z" /></svg>
      </button>
    </form>
    ${model.length >= model.max * COUNTER_FROM ? html`<p part="counter">${model.length} / ${model.max}</p>` : nothing}
    <div class="footer-alert"><p role="alert" id="tt-compose-error">${model.error}</p></div>`;
}

export interface HeaderModel {
  title: string;
  status: string;
  /** The chat can be ended from here. */
  canEnd: boolean;
  /** The pop-up page's address; null in the pop-up itself (no minimize either). */
  popout: string | null;
  onEnd(): void;
  onMinimize(): void;
}

/** The top bar: title, connection/queue status, end chat, open in a new tab, minimize. */
export function renderHeader(model: HeaderModel, t: PanelText): TemplateResult {
  return html`<header part="header">
    <div class="heading">
      <h2 part="title" id="title">${model.title}</h2>
      <p part="status" role="status">${model.status}</p>
    </div>
    ${model.canEnd ? html`<button part="end-chat" type="button" @click=${model.onEnd}>${t.endChat}</button>` : nothing}
    ${model.popout === null
      ? nothing
      : html`<a part="popout" href=${model.popout} target="_blank" rel="noopener" aria-label=${t.popout} title=${t.popout}
            ><svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M14 3h7v7h-2V6.4l-9.3 9.3-1.4-1.4L17.6 5H14zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z" /></svg
          ></a>
          <button part="minimize" type="button" aria-label=${t.minimize} title=${t.minimize} @click=${model.onMinimize}>
            <span aria-hidden="true">–</span>
          </button>`}
  </header>`;
}
