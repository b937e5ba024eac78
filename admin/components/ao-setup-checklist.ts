/**
 * `<ao-setup-checklist>`: "Primeiros passos", the administrator's first steps (GET /api/setup)
 * at the top of the live desk until they are all done: create departments, invite attendants,
 * set the business hours (time zone), copy the snippet, send a test chat, each a link to where
 * it is done, with a tick when done. One compact strip on wide screens; on phones one line with
 * the count that expands. Read again when the console regains focus and every 30 s while shown;
 * "Ocultar" hides it for good on this browser. Renders nothing for other roles.
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { SetupChecklistResponse } from "../../worker/views-gestao";
import { gestaoAccountApi } from "../api-gestao-account";
import { t } from "../i18n";
import { SETUP_REFRESH_MS, checklistState, hideChecklist, isChecklistHidden } from "../setup-checklist";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

export class AoSetupChecklist extends AppElement {
  static override properties = {
    answer: { state: true },
    dismissed: { state: true },
    expanded: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: block;
        font-size: 0.9rem;
      }
      section {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem 1rem;
        padding: 0.4rem 0.8rem;
        border-bottom: 1px solid var(--ao-border);
        background: var(--ao-surface);
      }
      h2 {
        margin: 0;
        font-size: 0.9rem;
        text-transform: none;
        letter-spacing: normal;
        color: var(--ao-text);
        white-space: nowrap;
      }
      ol {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.8rem;
        flex: 1;
      }
      li a {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.15rem 0.3rem;
        border-radius: var(--ao-radius);
        color: inherit;
        text-decoration: none;
      }
      li a:hover {
        background: var(--ao-hover);
      }
      .tick {
        display: inline-grid;
        place-items: center;
        width: 1.1rem;
        height: 1.1rem;
        border-radius: 50%;
        border: 1.5px solid var(--ao-border-strong);
        font-size: 0.7rem;
        flex: none;
      }
      li[data-done="true"] .tick {
        background: var(--ao-online);
        border-color: var(--ao-online);
        color: #fff;
      }
      li[data-done="true"] .label {
        color: var(--ao-muted);
        text-decoration: line-through;
      }
      button {
        padding: 0.2rem 0.6rem;
      }
      .toggle {
        display: none;
      }
      @media (max-width: 48rem) {
        .wide {
          display: none;
        }
        .toggle {
          display: inline-flex;
          gap: 0.4rem;
          flex: 1;
          border: none;
          background: none;
          padding: 0.2rem 0;
          font-weight: 600;
          text-align: left;
        }
        ol {
          display: none;
          flex-basis: 100%;
          flex-direction: column;
        }
        :host([expanded]) ol {
          display: flex;
        }
      }
    `,
  ];

  declare answer: SetupChecklistResponse | null;
  /** Hidden with "Ocultar" (kept in localStorage per account). */
  declare dismissed: boolean;
  /** Phones: the steps are shown under the one-line summary. */
  declare expanded: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;
  private loading = false;
  private readonly onFocus = (): void => void this.refresh();
  private readonly onVisibility = (): void => {
    if (document.visibilityState === "visible") void this.refresh();
  };

  constructor() {
    super();
    this.answer = null;
    this.dismissed = false;
    this.expanded = false;
  }

  private get accountId(): string | null {
    const { me, account } = this.app.store;
    return me?.role === "administrator" && account ? account.id : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const accountId = this.accountId;
    if (!accountId) return;
    this.dismissed = isChecklistHidden(accountId);
    if (this.dismissed) return;
    addEventListener("focus", this.onFocus);
    document.addEventListener("visibilitychange", this.onVisibility);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.toggleAttribute("expanded", this.expanded);
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    removeEventListener("focus", this.onFocus);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  private async refresh(): Promise<void> {
    if (this.loading || this.dismissed || !this.accountId || !this.isConnected) return;
    this.loading = true;
    try {
      this.answer = await this.app.call(() => gestaoAccountApi.setup());
    } catch {
      // Shown as it was; the next focus or tick tries again.
    }
    this.loading = false;
    if (!this.isConnected) return;
    const { visible } = checklistState(this.answer, this.dismissed);
    if (this.answer && !visible) this.stop();
    else if (!this.timer) this.timer = setInterval(() => void this.refresh(), SETUP_REFRESH_MS);
  }

  private hide(): void {
    const accountId = this.accountId;
    if (accountId) hideChecklist(accountId);
    this.dismissed = true;
    this.stop();
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const state = checklistState(this.answer, this.dismissed);
    if (!state.visible) return nothing;
    const count = html`<span aria-hidden="true">${state.doneCount}/${state.total}</span>
      <span class="visually-hidden">${t("setup.progress", { done: state.doneCount, total: state.total })}</span>`;
    return html`<section aria-labelledby="setup-title" data-testid="setup-checklist">
      <h2 id="setup-title" class="wide">${t("setup.title")} ${count}</h2>
      <button
        type="button"
        class="toggle"
        data-testid="setup-toggle"
        aria-expanded=${this.expanded ? "true" : "false"}
        aria-controls="setup-steps"
        @click=${() => (this.expanded = !this.expanded)}
      >
        <span>${t("setup.title")}</span> ${count} <span aria-hidden="true">${this.expanded ? "▴" : "▾"}</span>
      </button>
      <ol id="setup-steps">
        ${state.steps.map(
          (step) => html`<li data-testid="setup-item-${step.key}" data-done=${step.done ? "true" : "false"}>
            <a href=${step.href}>
              <span class="tick" aria-hidden="true">${step.done ? "✓" : ""}</span>
              <span class="label">${t(step.label)}</span>
              <span class="visually-hidden">${step.done ? t("setup.done") : t("setup.todo")}</span>
            </a>
          </li>`,
        )}
      </ol>
      <button type="button" data-testid="setup-hide" aria-label=${t("setup.hideLabel")} @click=${this.hide}>${t("setup.hide")}</button>
    </section>`;
  }
}
define("ao-setup-checklist", AoSetupChecklist);
