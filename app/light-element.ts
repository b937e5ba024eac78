import { LitElement } from "lit";

/**
 * A Lit element that renders into itself instead of a shadow root: the app is a whole page of
 * our own, styled by one style sheet (`app.css`), with no host page to be shielded from.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
