/**
 * `<ao-transfer-dialog>`: transfers the open chat (POST /api/chats/:id/transfer) in a native
 * modal `<dialog>` (focus trapped, Esc cancels, focus goes back). The department select lists
 * the account's active departments; the attendant select the attendants online in the chosen one
 * (GET /api/chats/:id/transfer-targets), plus "the department's queue" for another department.
 * The optional note is internal: only attendants read it. Refusals show inline.
 *
 * Usage: `dialogEl.open(chat)`.
 */
import { css, html } from "lit";
import type { WireChat } from "../../durable-objects/protocol";
import type { TransferTargetsResponse } from "../../worker/views-hours";
import { api, ApiError } from "../api";
import { t, type MessageKey } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

type Target = TransferTargetsResponse["departments"][number];

const ERRORS = new Set(["attendant_offline", "capacity_full", "chat_closed", "same_department", "same_attendant", "forbidden"]);
const MAX_NOTE = 1000;

export class AoTransferDialog extends AppElement {
  static override properties = {
    ...AppElement.properties,
    chat: { state: true },
    targets: { state: true },
    departmentId: { state: true },
    attendantId: { state: true },
    error: { state: true },
    sending: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      dialog {
        border: 1px solid var(--ao-border);
        border-radius: calc(2 * var(--ao-radius));
        background: var(--ao-surface);
        color: var(--ao-text);
        padding: 1.2rem;
        width: min(30rem, calc(100vw - 2rem));
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.35);
      }
      h2 {
        font-size: 1.1rem;
        margin-bottom: 0.8rem;
      }
      label {
        display: block;
        margin-bottom: 0.7rem;
      }
      select,
      textarea {
        display: block;
        width: 100%;
        margin-top: 0.25rem;
      }
      .hint {
        font-size: 0.8rem;
        color: var(--ao-muted);
      }
      .error {
        color: var(--ao-danger);
        margin-bottom: 0.7rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.6rem;
      }
    `,
  ];

  declare chat: WireChat | null;
  declare targets: Target[];
  declare departmentId: string;
  declare attendantId: string;
  declare error: string;
  declare sending: boolean;

  constructor() {
    super();
    this.chat = null;
    this.targets = [];
    this.departmentId = "";
    this.attendantId = "";
    this.error = "";
    this.sending = false;
  }

  /** Opens the dialog for `chat` and loads where it may go. */
  async open(chat: WireChat): Promise<void> {
    this.chat = chat;
    this.targets = [];
    this.departmentId = chat.departmentId;
    this.attendantId = "";
    this.error = "";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLFormElement>("form")?.reset();
    this.renderRoot.querySelector("dialog")?.showModal();
    try {
      this.targets = (await api.transferTargets(chat.id)).departments;
      this.attendantId = this.choices()[0]?.id ?? "";
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  /** The attendants offered for the chosen department (never the chat's own attendant). */
  private choices(): { id: string; name: string }[] {
    const target = this.targets.find((d) => d.id === this.departmentId);
    const others = (target?.attendants ?? []).filter((a) => a.id !== this.chat?.attendant?.id);
    return this.departmentId === this.chat?.departmentId ? others : [{ id: "", name: t("transfer.anyAttendant") }, ...others];
  }

  private describe(error: unknown): string {
    if (error instanceof ApiError && ERRORS.has(error.code)) return t(`transfer.error.${error.code}` as MessageKey);
    return error instanceof ApiError && error.status !== 0 ? error.message : t("error.network");
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const chat = this.chat;
    if (!chat || this.sending) return;
    const sameDepartment = this.departmentId === chat.departmentId;
    if (sameDepartment && !this.attendantId) {
      this.error = t("transfer.error.pick");
      return;
    }
    const note = (this.renderRoot.querySelector<HTMLTextAreaElement>("textarea")?.value ?? "").trim();
    this.sending = true;
    this.error = "";
    try {
      await api.transfer(chat.id, {
        ...(sameDepartment ? {} : { departmentId: this.departmentId }),
        ...(this.attendantId ? { attendantId: this.attendantId } : {}),
        ...(note ? { note } : {}),
      });
      this.renderRoot.querySelector("dialog")?.close();
      this.app.store.notify("transfer.done", { number: chat.number }, chat.id);
    } catch (error) {
      this.error = this.describe(error);
    } finally {
      this.sending = false;
    }
  }

  private pickDepartment(event: Event): void {
    this.departmentId = (event.target as HTMLSelectElement).value;
    this.attendantId = this.choices()[0]?.id ?? "";
    this.error = "";
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const chat = this.chat;
    const choices = this.choices();
    return html`<dialog aria-labelledby="transfer-heading" data-testid="transfer-dialog">
      <form @submit=${this.submit}>
        <h2 id="transfer-heading">${t("transfer.heading", { number: chat?.number ?? "" })}</h2>
        <label
          >${t("transfer.department")}
          <select data-testid="transfer-department" @change=${this.pickDepartment} .value=${this.departmentId}>
            ${this.targets.map((d) => html`<option value=${d.id} ?selected=${d.id === this.departmentId}>${d.name}</option>`)}
          </select>
        </label>
        <label
          >${t("transfer.attendant")}
          <select
            data-testid="transfer-attendant"
            ?disabled=${choices.length === 0}
            @change=${(e: Event) => (this.attendantId = (e.target as HTMLSelectElement).value)}
          >
            ${choices.map((a) => html`<option value=${a.id} ?selected=${a.id === this.attendantId}>${a.name}</option>`)}
          </select>
          ${choices.length === 0 && this.targets.length > 0 ? html`<span class="hint">${t("transfer.noneOnline")}</span>` : ""}
        </label>
        <label
          >${t("transfer.note")}
          <textarea data-testid="transfer-note" rows="3" maxlength=${MAX_NOTE} aria-describedby="note-hint"></textarea>
          <span class="hint" id="note-hint">${t("transfer.noteHint")}</span>
        </label>
        <p class="error" role="alert" data-testid="transfer-error">${this.error}</p>
        <div class="buttons">
          <button type="button" @click=${() => this.renderRoot.querySelector("dialog")?.close()}>${t("transfer.cancel")}</button>
          <button type="submit" class="primary" data-testid="transfer-submit" ?disabled=${this.sending}>
            ${this.sending ? t("transfer.sending") : t("transfer.submit")}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
define("ao-transfer-dialog", AoTransferDialog);

declare global {
  interface HTMLElementTagNameMap {
    "ao-transfer-dialog": AoTransferDialog;
  }
}
