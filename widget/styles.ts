/**
 * Styles of the chat panel, one rule per line (this ships to every customer's page: kept
 * small: the offline form's, the past chats', the closed chat's, the survey's and the live chat's (chat-styles.ts) rules are in their chunks). The panel element is the box over the page: it places and sizes itself from
 * `--tt-w`, `--tt-h` (the console's size), `--tt-i` (the launcher's lift plus the launchers above it) and `--tt-a` (the height of the launchers stacked above this one), full screen
 * below 480 px and in the pop-up, following the visual viewport (`--tt-vvh`, `--tt-vvt`, see
 * viewport.ts; the pop-up page leaves `--tt-popup-top` above it for the department's logo); the loader's own sheet only says which side it opens on. Colours and shapes come from custom properties (documented on `<tomticket-chat>` and
 * `<tomticket-chat-panel>`): `--tt-p`, `--tt-op`, `--tt-bg` carry the console's look, set by the
 * loader on the frame, and already defer to the host page's `--tt-primary`, `--tt-on-primary`
 * and `--tt-surface`. `::part()` covers the rest. The frame sets the font and every inherited
 * property; nothing here relies on the host page.
 */
import { css } from "lit";

export const panelStyles = css`
  :host { --_p: var(--tt-p, #1a73e8); --_op: var(--tt-op, #fff); --_text: var(--tt-text, #1c2024); --_muted: var(--tt-muted, #60646c); --_border: var(--tt-border, #d9d9e0); --_error: var(--tt-error, #ce2c31); display: block; position: absolute; bottom: calc(72px + var(--tt-a, 0px)); width: min(var(--tt-w, 370px), calc(100vw - 32px)); height: min(var(--tt-h, 540px), calc(100vh - 112px - var(--tt-i, 0px))); height: min(var(--tt-h, 540px), calc(100dvh - 112px - var(--tt-i, 0px))); overflow: hidden; border-radius: var(--tt-radius, 12px); box-shadow: 0 8px 32px rgba(0, 0, 0, 0.25); color: var(--_text); background: var(--tt-bg, #fff); }
  @media (max-width: 479px) { :host { position: fixed; left: 0 !important; right: auto !important; top: var(--tt-vvt, 0); bottom: auto; width: 100vw; height: 100vh; height: var(--tt-vvh, 100dvh); border-radius: 0; } }
  :host([popup]) { position: fixed; inset: 0; top: calc(var(--tt-vvt, 0px) + var(--tt-popup-top, 0px)); width: 100%; height: calc(100vh - var(--tt-popup-top, 0px)); height: calc(var(--tt-vvh, 100dvh) - var(--tt-popup-top, 0px)); border-radius: 0; box-shadow: none; left: 0 !important; right: 0 !important; max-width: 720px; margin: 0 auto; }
  * { box-sizing: border-box; }
  section { display: flex; flex-direction: column; height: 100%; }
  [part="header"] { display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 16px; background: var(--_p); color: var(--_op); }
  .heading { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 16px; line-height: 1.3; overflow-wrap: anywhere; }
  h3 { margin: 0 0 8px; font-size: 15px; }
  [part="status"] { margin: 0; font-size: 12px; min-height: 1.45em; }
  button, a { font: inherit; cursor: pointer; border-radius: 8px; }
  a { color: inherit; }
  :focus-visible { outline: 3px solid var(--tt-focus, #ffbf47); outline-offset: 1px; }
  [part="header"] button, [part="popout"] { display: inline-grid; place-items: center; min-width: 32px; min-height: 32px; border: 1px solid currentColor; background: transparent; color: inherit; padding: 4px 8px; font-size: 12px; text-decoration: none; }
  [part="header"] [part="minimize"], [part="popout"] { border: 0; font-size: 20px; line-height: 1; padding: 2px 6px; }
  svg { width: 18px; height: 18px; fill: currentColor; }
  .body { flex: 1; min-height: 0; overflow-y: auto; padding: 16px; overscroll-behavior: contain; }
  form { display: grid; gap: 12px; margin: 0; }
  fieldset { display: grid; gap: 12px; min-width: 0; margin: 0; padding: 0; border: 0; }
  legend { padding: 0; margin-bottom: 6px; font-weight: 600; font-size: 13px; }
  .field { display: grid; gap: 4px; }
  label { font-weight: 600; font-size: 13px; }
  input, select, textarea { font: inherit; font-weight: 400; width: 100%; margin: 0; padding: 8px 10px; border: 1px solid var(--_border); border-radius: 8px; background: #fff; color: #1c2024; }
  textarea { resize: none; }
  .primary { border: 0; padding: 10px 14px; background: var(--_p); color: var(--_op); font-weight: 600; }
  .primary:disabled { opacity: 0.6; cursor: default; }
  [part="transcript-email"], .secondary { padding: 9px 14px; border: 1px solid var(--_muted); background: none; color: var(--_text); font-weight: 600; }
  [part="greeting"] { margin: 0; }
  [role="alert"] { margin: 0; color: var(--_error); font-size: 13px; }
  [role="alert"]:empty, [part="inactivity"]:empty, [part="survey-thanks"]:empty, [part="offline-sent"]:empty { display: none; }
  [part="retry"], .link { border: 0; background: none; color: inherit; text-decoration: underline; padding: 0 0 0 4px; }
  [aria-busy] { opacity: 0.5; }
  section { container-type: size; }
  @container (max-height: 500px) { [part="header"] { padding: 8px 8px 8px 12px; } .body { padding: 12px; } form { gap: 8px; } .field { gap: 2px; } input, select { padding: 6px 10px; } #tt-message { height: 56px; } [part="greeting"] { font-size: 13px; } }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
