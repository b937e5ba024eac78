/** `<ao-attendants>`: being built (Gestão); replaced by the page itself. */
import { html } from "lit";
import { AppElement, define } from "./app-element";

export class AoAttendants extends AppElement {
  override render() {
    return html``;
  }
}
define("ao-attendants", AoAttendants);
