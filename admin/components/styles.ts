/**
 * Styles shared by every console component. Colours and radii are CSS custom properties set on
 * `:root` by admin/index.html (`--ao-*`), so a deployment can re-theme without touching code.
 */
import { css } from "lit";

export const base = css`
  :host {
    box-sizing: border-box;
    font: inherit;
    color: var(--ao-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h1,
  h2,
  h3,
  p,
  ul,
  ol {
    margin: 0;
  }
  ul,
  ol {
    padding: 0;
    list-style: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
    padding: 0.4rem 0.8rem;
  }
  button:hover:not(:disabled) {
    background: var(--ao-hover);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button.primary {
    background: var(--ao-accent);
    border-color: var(--ao-accent);
    color: var(--ao-on-accent);
  }
  button.primary:hover:not(:disabled) {
    background: var(--ao-accent-strong);
  }
  button.danger {
    color: var(--ao-danger);
    border-color: currentColor;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--ao-border-strong);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
    padding: 0.45rem 0.6rem;
  }
  :focus-visible {
    outline: 2px solid var(--ao-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--ao-link);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--ao-muted);
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.75rem;
    line-height: 1.4rem;
    background: var(--ao-accent);
    color: var(--ao-on-accent);
  }
  .badge.neutral {
    background: var(--ao-hover);
    color: var(--ao-text);
  }
  .dot {
    display: inline-block;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--ao-offline);
    flex: none;
  }
  .dot.online {
    background: var(--ao-online);
  }
  h2 {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--ao-muted);
    margin-bottom: 0.4rem;
  }
`;
