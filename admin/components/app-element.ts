/**
 * Base of the console's components: an `app` property (the {@link AdminApp}, passed down by
 * the parent) and a re-render whenever the app's store changes.
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
  private readonly onStoreChange = (): void => this.requestUpdate();

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
  }

  private subscribe(): void {
    const store = this.app?.store ?? null;
    if (store === this.subscribed) return;
    this.subscribed?.removeEventListener("change", this.onStoreChange);
    store?.addEventListener("change", this.onStoreChange);
    this.subscribed = store;
  }
}

/** Defines an element unless a copy of the console already did (the script loaded twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
