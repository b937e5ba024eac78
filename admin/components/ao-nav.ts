/**
 * `<ao-nav>`: the console's sections on one row. The links that do not fit the row's width go
 * into a "Mais" disclosure menu (on a phone every link does, and the button reads "Menu"), so
 * the header never wraps from 1024 px in any language. Widths are measured from a hidden copy
 * of the links (per language), again whenever the element is resized.
 *
 * Properties: `links` (the sections the role may open, in order) and `current` (the open page).
 */
import { css, html, type PropertyValues } from "lit";
import { t, type MessageKey } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

/** One section link. */
export interface NavLink {
  page: string;
  hash: string;
  label: MessageKey;
  testId: string;
}

/** Space between links, as in the styles below (0.25rem at 16px). */
const GAP_PX = 4;

/** How many links fit in `available` px, leaving room for the "more" button when some do not. */
export function linksThatFit(widths: readonly number[], moreWidth: number, available: number): number {
  const all = widths.reduce((sum, w) => sum + w + GAP_PX, 0);
  if (all <= available) return widths.length;
  let used = moreWidth;
  let count = 0;
  for (const w of widths) {
    if (used + w + GAP_PX > available) break;
    used += w + GAP_PX;
    count++;
  }
  return count;
}

export class AoNav extends AppElement {
  static override properties = {
    ...AppElement.properties,
    links: { attribute: false },
    current: {},
    fit: { state: true },
    open: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: block;
        position: relative;
        min-width: 0;
      }
      ul {
        display: flex;
        gap: 0.25rem;
        white-space: nowrap;
      }
      .measure {
        position: absolute;
        visibility: hidden;
        height: 0;
        overflow: hidden;
        pointer-events: none;
      }
      a,
      .more {
        display: inline-block;
        padding: 0.35rem 0.6rem;
        border-radius: var(--ao-radius);
        color: inherit;
        text-decoration: none;
      }
      a[aria-current="page"],
      .more.current {
        background: var(--ao-hover);
        font-weight: 600;
      }
      .wrap {
        display: flex;
        align-items: center;
        gap: 0.25rem;
      }
      .menu {
        position: absolute;
        z-index: 20;
        top: calc(100% + 0.3rem);
        right: 0;
        display: grid;
        min-width: 14rem;
        padding: 0.3rem;
        background: var(--ao-surface);
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.15);
      }
      .menu a {
        display: block;
      }
      .menu[hidden] {
        display: none;
      }
    `,
  ];

  declare links: NavLink[];
  declare current: string;
  declare fit: number;
  declare open: boolean;
  private widths: { locale: string; links: number[]; more: number } | null = null;
  private readonly resize = new ResizeObserver(() => this.measure());
  private readonly outside = (event: Event): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  constructor() {
    super();
    this.links = [];
    this.current = "";
    this.fit = Number.POSITIVE_INFINITY;
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
    document.addEventListener("click", this.outside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    document.removeEventListener("click", this.outside);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("links") || this.widths?.locale !== this.app.store.locale) {
      this.widths = null;
      this.measure();
    }
  }

  /** Reads the links' widths from the hidden copy (once per language) and how many fit now. */
  private measure(): void {
    const copy = this.renderRoot.querySelector(".measure");
    if (!copy || this.clientWidth === 0) return;
    if (!this.widths) {
      const items = [...copy.querySelectorAll<HTMLElement>("[data-w]")];
      const more = copy.querySelector<HTMLElement>("[data-more]")?.offsetWidth ?? 0;
      this.widths = { locale: this.app.store.locale, links: items.map((el) => el.offsetWidth), more };
    }
    const fit = linksThatFit(this.widths.links, this.widths.more + GAP_PX, this.clientWidth);
    if (fit !== this.fit) this.fit = fit;
  }

  private link(l: NavLink, inMenu: boolean) {
    return html`<a
      href=${l.hash}
      data-testid=${l.testId}
      aria-current=${l.page === this.current ? "page" : "false"}
      @click=${() => {
        if (inMenu) this.open = false;
      }}
      >${t(l.label)}</a
    >`;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== "Escape" || !this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>(".more")?.focus();
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const shown = this.links.slice(0, this.fit);
    const rest = this.links.slice(this.fit);
    const restCurrent = rest.some((l) => l.page === this.current);
    return html`<nav aria-label=${t("nav.label")} @keydown=${this.onKey}>
      <ul class="measure" aria-hidden="true">
        ${this.links.map((l) => html`<li data-w><a tabindex="-1">${t(l.label)}</a></li>`)}
        <li data-more><span class="more">${t("nav.more")} ▾</span></li>
      </ul>
      <div class="wrap">
        <ul>
          ${shown.map((l) => html`<li>${this.link(l, false)}</li>`)}
        </ul>
        ${rest.length > 0
          ? html`<button
                type="button"
                class="more ${restCurrent ? "current" : ""}"
                data-testid="nav-more"
                aria-expanded=${this.open ? "true" : "false"}
                aria-controls="nav-more-menu"
                @click=${() => (this.open = !this.open)}
              >
                ${shown.length === 0 ? t("nav.menu") : t("nav.more")} <span aria-hidden="true">▾</span>
              </button>
              <ul class="menu" id="nav-more-menu" ?hidden=${!this.open}>
                ${rest.map((l) => html`<li>${this.link(l, true)}</li>`)}
              </ul>`
          : ""}
      </div>
    </nav>`;
  }
}
define("ao-nav", AoNav);
