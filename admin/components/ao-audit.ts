/** `<ao-audit>`: being built (Gestão); replaced by the page itself. */
import { html } from "lit";
import { AppElement, define } from "./app-element";

export class AoAudit extends AppElement {
  override render() {
    return html``;
  }
}
define("ao-audit", AoAudit);
