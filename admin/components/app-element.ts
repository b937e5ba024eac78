/**
 * Base of the console's components: an `app` property (the {@link AdminApp}, passed down by
 * the parent) and a re-render whenever the app's store changes, or, for an element that says
 * what it shows ({@link AppElement.storeKeys}), only when that changed: with 500 chats waiting
 * and 50 active, re-rendering every list for every message took 150 ms a message.
 */
import { LitElement, type PropertyDeclarations } from "lit";
import type { AdminApp } from "../app";
import type { Store } from "../store";
import { base } from "./styles";

export class AppElement extends LitElement {
  static override properties: PropertyDeclarations = { app: { attribute: false } };
  static override styles = [base];

  declare app: AdminApp;
  private subscribed: Store | null = null;
  /** The keys as of the last render; null: none yet, or the element re-renders on every change. */
  private renderedKeys: readonly unknown[] | null = null;
  private readonly onStoreChange = (): void => {
    const keys = this.renderedKeys === null ? null : this.storeKeys();
    if (keys !== null && sameItems(keys, this.renderedKeys!)) return;
    this.requestUpdate();
  };

  /**
   * Everything this element shows from the store, as values compared with `===` one by one
   * (records the store replaces on change, counters, ids). When a store change leaves every one
   * as it was at the last render, the element is not re-rendered. null (the default): it
   * re-renders on every change.
   */
  protected storeKeys(): readonly unknown[] | null {
    return null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscribed?.removeEventListener("change", this.onStoreChange);
    this.subscribed = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has("app")) this.subscribe();
    this.renderedKeys = this.app ? this.storeKeys() : null;
  }

  private subscribe(): void {
    const store = this.app?.store ?? null;
    if (store === this.subscribed) return;
    this.subscribed?.removeEventListener("change", this.onStoreChange);
    store?.addEventListener("change", this.onStoreChange);
    this.subscribed = store;
  }
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Defines an element unless a copy of the console already did (the script loaded twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
