/**
 * `<ao-chat-labels>`: a chat's labels as coloured chips (text black or white, whichever reads
 * better on the colour), each with a remove button, and an "Adicionar rótulo" select offering the
 * account's other active labels. Used in the chat window (live: the store's `chat.labels`) and
 * in a Histórico transcript (the host keeps the set from the answer). Every change is one
 * `PUT /api/chats/:id/labels` with the whole new set.
 *
 * @fires ao-chat-labels-changed - `detail: { chatId, labels }` after the server accepted a change
 */
import { css, html, nothing } from "lit";
import { ApiError } from "../api";
import { labelsApi, type ChatLabel, type LabelView } from "../api-labels";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { chipText, isColor } from "../labels-form";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

/** The account's labels, fetched once per console load and shared by every chip row. */
let catalog: Promise<LabelView[]> | null = null;

/** Forgets the cached labels (the Rótulos page changed them). */
export function forgetLabelCatalog(): void {
  catalog = null;
}

export class AoChatLabels extends AppElement {
  static override properties = {
    chatId: { attribute: "chat-id" },
    labels: { attribute: false },
    available: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem;
      }
      ul {
        display: contents;
        list-style: none;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.15rem;
        border-radius: 999px;
        padding: 0.1rem 0.2rem 0.1rem 0.6rem;
        font-size: 0.85rem;
        max-width: 100%;
        overflow-wrap: anywhere;
      }
      .chip button {
        border: none;
        background: transparent;
        color: inherit;
        min-width: 1.6rem;
        min-height: 1.6rem;
        padding: 0;
        border-radius: 999px;
        font-size: 1rem;
        line-height: 1;
        cursor: pointer;
      }
      .chip button:focus-visible {
        outline: 2px solid currentColor;
        outline-offset: 1px;
      }
      select {
        width: auto;
        max-width: 14rem;
        font-size: 0.85rem;
        padding: 0.15rem 0.3rem;
      }
      .none {
        color: var(--ao-muted);
        font-size: 0.85rem;
      }
      .error {
        margin: 0.2rem 0 0;
        font-size: 0.85rem;
      }
    `,
  ];

  declare chatId: string;
  declare labels: ChatLabel[];
  declare available: LabelView[] | null;
  declare busy: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.chatId = "";
    this.labels = [];
    this.available = null;
    this.busy = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    catalog ??= labelsApi.list().then((r) => r.labels);
    catalog.then(
      (labels) => (this.available = labels),
      () => {
        // Chips still show; adding waits for the next load.
        catalog = null;
      },
    );
  }

  private async save(labelIds: string[]): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const { labels } = await this.app.call(() => labelsApi.setChatLabels(this.chatId, labelIds));
      this.labels = labels;
      const view = this.app.store.chats.get(this.chatId);
      if (view) {
        view.labels = labels;
        this.app.store.changed();
      }
      this.dispatchEvent(new CustomEvent("ao-chat-labels-changed", { detail: { chatId: this.chatId, labels }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError && error.code === "label_inactive" ? "labels.error.inactive" : errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private add(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const id = select.value;
    select.value = "";
    if (id) void this.save([...this.labels.map((l) => l.id), id]);
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const have = new Set(this.labels.map((l) => l.id));
    const offered = (this.available ?? []).filter((l) => l.active && !have.has(l.id));
    return html`<div class="row" role="group" aria-label=${t("labels.chips")} data-testid="chat-labels">
        ${this.labels.length === 0 ? html`<span class="none">${t("labels.none")}</span>` : nothing}
        <ul>
          ${this.labels.map(
            (l) => html`<li class="chip" style="background:${isColor(l.color) ? l.color : "#555555"};color:${chipText(l.color)}" data-testid="label-chip" data-id=${l.id}>
              <span>${l.name}</span>
              <button type="button" data-testid="label-remove" aria-label=${t("labels.remove", { name: l.name })} ?disabled=${this.busy} @click=${() => void this.save(this.labels.filter((x) => x.id !== l.id).map((x) => x.id))}>
                ×
              </button>
            </li>`,
          )}
        </ul>
        ${this.available === null
          ? nothing
          : html`<select data-testid="label-add" aria-label=${t("labels.addTo")} ?disabled=${this.busy || offered.length === 0} @change=${this.add}>
              <option value="">${offered.length === 0 ? t("labels.noneAvailable") : t("labels.add")}</option>
              ${offered.map((l) => html`<option value=${l.id}>${l.name}</option>`)}
            </select>`}
      </div>
      <p class="error" role="alert">${this.error ? t(this.error) : ""}</p>`;
  }
}
define("ao-chat-labels", AoChatLabels);

declare global {
  interface HTMLElementEventMap {
    "ao-chat-labels-changed": CustomEvent<{ chatId: string; labels: ChatLabel[] }>;
  }
}
