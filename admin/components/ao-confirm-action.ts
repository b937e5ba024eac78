/**
 * `<ao-confirm-action heading confirm-label confirm-testid match match-label match-testid busy error>`:
 * a confirmation for an action that cannot be undone. A native modal `<dialog>`, so focus stays
 * inside it, Escape cancels and the page behind is inert; focus goes back to the control that
 * opened it. With `match`, the confirm button stays disabled until that text (an e-mail) is
 * typed, case and surrounding spaces aside. The host keeps it open while its request runs
 * (`busy`) and shows a failure inside it (`error`); it calls `close()` on success.
 *
 * Slots: default (what will happen, shown under the heading).
 *
 * @fires ao-confirm - the person confirmed
 */
import { css, html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";

/** The element focused now, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export class AoConfirmAction extends AppElement {
  static override properties = {
    heading: {},
    confirmLabel: { attribute: "confirm-label" },
    confirmTestId: { attribute: "confirm-testid" },
    match: {},
    matchLabel: { attribute: "match-label" },
    matchTestId: { attribute: "match-testid" },
    busy: { type: Boolean },
    error: {},
    typed: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      dialog {
        width: min(32rem, calc(100vw - 2rem));
        max-height: calc(100dvh - 2rem);
        overflow: auto;
        border: 1px solid var(--ao-border-strong);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
        color: var(--ao-text);
        padding: 1rem 1.2rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      h2 {
        font-size: 1.1rem;
        text-transform: none;
        letter-spacing: normal;
        color: var(--ao-text);
        margin-bottom: 0.6rem;
      }
      .body {
        display: grid;
        gap: 0.5rem;
      }
      .field {
        display: grid;
        gap: 0.2rem;
        margin-top: 0.8rem;
      }
      .error {
        color: var(--ao-danger);
        margin-top: 0.6rem;
      }
      .error:empty {
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.6rem;
        margin-top: 1rem;
      }
      button.destructive {
        background: var(--ao-danger);
        border-color: var(--ao-danger);
        color: #fff;
        font-weight: 600;
      }
      button.destructive:hover:not(:disabled) {
        background: var(--ao-danger);
        filter: brightness(0.9);
      }
    `,
  ];

  declare heading: string;
  declare confirmLabel: string;
  declare confirmTestId: string;
  /** Text the person must type to enable the button ("" = none needed). */
  declare match: string;
  declare matchLabel: string;
  declare matchTestId: string;
  declare busy: boolean;
  /** A translated failure to show, or "". */
  declare error: string;
  declare typed: string;
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this.heading = "";
    this.confirmLabel = "";
    this.confirmTestId = "";
    this.match = "";
    this.matchLabel = "";
    this.matchTestId = "";
    this.busy = false;
    this.error = "";
    this.typed = "";
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  /** Opens the dialog and focuses the field to type in, or Cancel (never the destructive button). */
  async show(): Promise<void> {
    this.opener = deepActiveElement();
    this.typed = "";
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>(this.match ? "#match" : "#cancel")?.focus();
  }

  close(): void {
    this.dialog?.close();
  }

  private get typedOk(): boolean {
    return !this.match || this.typed.trim().toLowerCase() === this.match.trim().toLowerCase();
  }

  private onClose(): void {
    this.typed = "";
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  private onCancel(event: Event): void {
    // Escape while the request runs would hide its outcome.
    if (this.busy) event.preventDefault();
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy || !this.typedOk) return;
    this.dispatchEvent(new CustomEvent("ao-confirm", { bubbles: true, composed: true }));
  }

  override render() {
    return html`<dialog aria-labelledby="heading" aria-describedby="body" @cancel=${this.onCancel} @close=${this.onClose}>
      <form @submit=${this.submit} novalidate>
        <h2 id="heading">${this.heading}</h2>
        <div class="body" id="body"><slot></slot></div>
        ${this.match
          ? html`<div class="field">
              <label for="match">${this.matchLabel}</label>
              <input
                id="match"
                type="text"
                autocomplete="off"
                spellcheck="false"
                data-testid=${this.matchTestId || nothing}
                .value=${live(this.typed)}
                @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}
              />
            </div>`
          : nothing}
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button id="cancel" type="button" data-testid="confirm-cancel" ?disabled=${this.busy} @click=${() => this.close()}>
            ${t("dialog.cancel")}
          </button>
          <button type="submit" class="destructive" data-testid=${this.confirmTestId || nothing} ?disabled=${this.busy || !this.typedOk}>
            ${this.busy ? t("dialog.working") : this.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
define("ao-confirm-action", AoConfirmAction);

declare global {
  interface HTMLElementEventMap {
    "ao-confirm": CustomEvent<void>;
  }
}
