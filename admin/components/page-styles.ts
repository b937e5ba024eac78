/**
 * Layout shared by the console's form pages ("Personalizar chat", "Integrar e Publicar",
 * "Satisfação"): a centred column, headings, labelled fields, error and saved lines.
 */
import { css } from "lit";

export const pageStyles = css`
  :host {
    display: block;
    padding: 1rem;
    max-width: 72rem;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.3rem;
    margin-bottom: 0.4rem;
  }
  h2.section {
    font-size: 1.05rem;
    text-transform: none;
    letter-spacing: normal;
    color: var(--ao-text);
    margin: 1.2rem 0 0.5rem;
  }
  .intro {
    margin-bottom: 1rem;
    max-width: 48rem;
  }
  fieldset {
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
    margin: 0 0 1rem;
    padding: 0.6rem 0.9rem 0.9rem;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    margin-top: 0.6rem;
  }
  .field > label,
  .field > .label {
    font-size: 0.9rem;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    margin-top: 0.6rem;
  }
  .check input {
    margin-top: 0.3rem;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--ao-muted);
  }
  .error {
    color: var(--ao-danger);
  }
  .saved {
    color: var(--ao-online);
  }
  [aria-invalid="true"] {
    border-color: var(--ao-danger);
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
`;
