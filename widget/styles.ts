/**
 * Styles of the chat panel. Colours and shapes come from custom properties (documented on
 * `<tomticket-chat>` and `<tomticket-chat-panel>`), so a host page can restyle the widget without
 * reaching into it; `::part()` covers the rest.
 */
import { css } from "lit";

export const panelStyles = css`
  :host {
    --_primary: var(--tt-primary, #0b63ce);
    --_on-primary: var(--tt-on-primary, #fff);
    --_text: var(--tt-text, #1c2024);
    --_muted: var(--tt-muted, #60646c);
    --_border: var(--tt-border, #d9d9e0);
    --_attendant-bg: var(--tt-attendant-bubble, #f0f0f3);
    --_error: var(--tt-error, #ce2c31);
    display: block;
    height: 100%;
    color: var(--_text);
    font: 14px/1.45 var(--tt-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  }
  * {
    box-sizing: border-box;
  }
  section {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  [part="header"] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 12px 12px 16px;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  [part="status"] {
    margin: 0;
    font-size: 12px;
    opacity: 0.9;
    min-height: 1.45em;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 8px;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--tt-focus, #ffbf47);
    outline-offset: 1px;
  }
  [part="header"] button {
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    padding: 4px 8px;
    font-size: 12px;
  }
  [part="header"] [part="minimize"] {
    border: 0;
    font-size: 20px;
    line-height: 1;
    padding: 2px 8px;
  }
  .body {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 16px;
  }
  form[part="form"] {
    display: grid;
    gap: 12px;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label {
    font-weight: 600;
    font-size: 13px;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-weight: 400;
    width: 100%;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: #fff;
    color: var(--_text);
  }
  textarea {
    resize: none;
  }
  .primary {
    border: 0;
    padding: 10px 14px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .primary:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  [part="greeting"],
  [part="offline"] {
    margin: 0;
  }
  [role="alert"] {
    margin: 0;
    color: var(--_error);
    font-size: 13px;
  }
  [role="alert"]:empty {
    display: none;
  }
  [part="messages"] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  [part~="message"] {
    max-width: 85%;
    padding: 8px 12px;
    border-radius: 12px;
    background: var(--_attendant-bg);
    align-self: flex-start;
  }
  [data-author="customer"] {
    align-self: flex-end;
    background: var(--tt-customer-bubble, var(--_primary));
    color: var(--_on-primary);
  }
  [data-author="system"] {
    align-self: center;
    background: none;
    color: var(--_muted);
    font-size: 12px;
    text-align: center;
  }
  [part="author"] {
    display: block;
    font-size: 12px;
    font-weight: 600;
  }
  [part="body"] {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part="meta"] {
    display: block;
    font-size: 11px;
    opacity: 0.8;
    text-align: right;
  }
  [data-receipt="pending"] {
    opacity: 0.7;
  }
  [data-receipt="failed"] {
    outline: 2px solid var(--_error);
  }
  [part="retry"] {
    border: 0;
    background: none;
    color: inherit;
    text-decoration: underline;
    padding: 0 0 0 4px;
  }
  [part="typing"] {
    margin: 8px 0 0;
    color: var(--_muted);
    font-size: 12px;
    font-style: italic;
  }
  [part="compose"] {
    display: flex;
    gap: 8px;
    align-items: flex-end;
    padding: 12px;
    border-top: 1px solid var(--_border);
  }
  [part="compose"] textarea {
    flex: 1;
    max-height: 120px;
  }
  [part="send"] {
    flex: none;
    width: 40px;
    height: 40px;
    padding: 0;
    display: grid;
    place-items: center;
  }
  [part="send"] svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  [part="counter"] {
    margin: 0;
    padding: 0 12px 8px;
    text-align: right;
    font-size: 12px;
    color: var(--_muted);
  }
  .footer-alert {
    padding: 0 12px 8px;
  }
  [part="closed"] {
    display: grid;
    gap: 8px;
    padding: 12px;
    border-top: 1px solid var(--_border);
    text-align: center;
  }
  [part="closed"] p {
    margin: 0;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
