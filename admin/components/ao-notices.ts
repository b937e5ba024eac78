/**
 * `<ao-notices>`: short messages for the attendant (chat taken by someone else, refused
 * actions). A polite live region in a corner; each notice can be dismissed and leaves by
 * itself after a while.
 */
import { css, html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { t } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

const NOTICE_MS = 8_000;

export class AoNotices extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        position: fixed;
        right: 1rem;
        bottom: 1rem;
        z-index: 10;
        width: min(24rem, calc(100vw - 2rem));
      }
      ul {
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
        padding: 0.6rem 0.8rem;
        border-radius: var(--ao-radius);
        background: var(--ao-notice-bg);
        color: var(--ao-notice-text);
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
      }
      p {
        flex: 1;
      }
      button {
        border: none;
        background: none;
        color: inherit;
        padding: 0 0.3rem;
      }
      button:hover:not(:disabled) {
        background: none;
      }
    `,
  ];

  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  protected override updated(): void {
    const notices = this.app.store.notices;
    for (const notice of notices) {
      if (this.timers.has(notice.id)) continue;
      this.timers.set(
        notice.id,
        setTimeout(() => this.app.store.dismissNotice(notice.id), NOTICE_MS),
      );
    }
    for (const [id, timer] of this.timers) {
      if (notices.some((n) => n.id === id)) continue;
      clearTimeout(timer);
      this.timers.delete(id);
    }
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return [...commonKeys(this.app.store), this.app.store.notices];
  }

  override render() {
    // The live region wraps the list: a role on the <ul> itself would hide its list semantics
    // (axe: list items outside a list).
    return html`<div role="status" aria-live="polite" aria-label=${t("notices.label")}><ul>
      ${repeat(
        this.app.store.notices,
        (n) => n.id,
        (n) => html`<li data-testid="notice" data-key=${n.key}>
          <p>${t(n.key, n.params)}</p>
          <button type="button" aria-label=${t("notice.dismiss")} @click=${() => this.app.store.dismissNotice(n.id)}>×</button>
        </li>`,
      )}
    </ul></div>`;
  }
}
define("ao-notices", AoNotices);
