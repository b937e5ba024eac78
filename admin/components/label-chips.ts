/**
 * Labels drawn as coloured chips: the label's colour as the background, black or white text
 * (whichever reads better, see label-colors.ts); the name goes in as text, so Lit escapes it.
 */
import { css, html } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import type { ChatLabel } from "../../worker/views-labels";
import { chipColors } from "../label-colors";

export const labelChipStyles = css`
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chip {
    display: inline-block;
    border-radius: 999px;
    padding: 0.05rem 0.55rem;
    font-size: 0.78rem;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
`;

/** One chip. */
export function labelChip(label: ChatLabel) {
  return html`<span class="chip" style=${styleMap(chipColors(label.color))} data-testid="label-chip" data-label-id=${label.id}>${label.name}</span>`;
}

/** A chat's chips as a list (nothing when it has none). */
export function labelChips(labels: readonly ChatLabel[], name: string) {
  if (labels.length === 0) return "";
  return html`<ul class="chips" aria-label=${name}>
    ${labels.map((l) => html`<li>${labelChip(l)}</li>`)}
  </ul>`;
}
