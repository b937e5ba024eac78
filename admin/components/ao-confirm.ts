/**
 * `<ao-confirm>`: a yes/no question in a native modal `<dialog>` (focus is trapped inside, Esc
 * cancels, focus goes back where it was). The safe choice, Cancel, has the focus first, since
 * the questions are about actions that take effect at once (deactivate, revoke).
 *
 * Usage: `await confirmEl.ask({ heading, message, confirm })` resolves to true on confirm.
 */
import { LitElement, css, html } from "lit";
import { t } from "../i18n";
import { define } from "./app-element";
import { base } from "./styles";

export interface ConfirmQuestion {
  heading: string;
  message: string;
  /** The label of the confirming button ("Desativar", "Revogar"). */
  confirm: string;
}

export class AoConfirm extends LitElement {
  static override properties = { question: { state: true } };
  static override styles = [
    base,
    css`
      dialog {
        border: 1px solid var(--ao-border);
        border-radius: calc(2 * var(--ao-radius));
        background: var(--ao-surface);
        color: var(--ao-text);
        padding: 1.2rem;
        width: min(28rem, calc(100vw - 2rem));
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.35);
      }
      h2 {
        font-size: 1.1rem;
        text-transform: none;
        letter-spacing: normal;
        color: var(--ao-text);
        margin-bottom: 0.6rem;
      }
      p {
        margin-bottom: 1rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.6rem;
      }
    `,
  ];

  declare question: ConfirmQuestion | null;
  private resolve: ((ok: boolean) => void) | null = null;

  constructor() {
    super();
    this.question = null;
  }

  /** Shows the question; resolves when it is answered (Esc counts as Cancel). */
  async ask(question: ConfirmQuestion): Promise<boolean> {
    this.resolve?.(false);
    this.question = question;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector("dialog");
    if (!dialog) return false;
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  private closed(event: Event): void {
    const ok = (event.target as HTMLDialogElement).returnValue === "ok";
    this.resolve?.(ok);
    this.resolve = null;
  }

  override render() {
    const q = this.question;
    return html`<dialog aria-labelledby="confirm-heading" aria-describedby="confirm-message" @close=${this.closed}>
      <form method="dialog">
        <h2 id="confirm-heading">${q?.heading ?? ""}</h2>
        <p id="confirm-message">${q?.message ?? ""}</p>
        <div class="buttons">
          <button type="submit" value="cancel" data-testid="confirm-cancel" autofocus>${t("people.cancel")}</button>
          <button type="submit" value="ok" class="danger" data-testid="confirm-ok">${q?.confirm ?? ""}</button>
        </div>
      </form>
    </dialog>`;
  }
}
define("ao-confirm", AoConfirm);
