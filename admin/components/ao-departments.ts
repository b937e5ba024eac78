/** `<ao-departments>`: being built (Gestão); replaced by the page itself. */
import { html } from "lit";
import { AppElement, define } from "./app-element";

export class AoDepartments extends AppElement {
  override render() {
    return html``;
  }
}
define("ao-departments", AoDepartments);
