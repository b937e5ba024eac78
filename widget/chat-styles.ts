/**
 * The live chat's rules (messages, the message input, the end-chat question), in
 * `/widget-chat.js`: the pre-chat form does not need them. Drawn as a `<style>` of the chat view
 * and of a past chat's transcript (the panel's own sheet, styles.ts, is the rest). Written
 * compact: the build's CSS squeeze only reads styles.ts. The panel's sheet is adopted, so it
 * comes later in the cascade than this `<style>`: a rule here that meets one of equal
 * specificity there is made more specific (the send button against `.primary`'s padding).
 */
export const chatSheet =
  `[part="inactivity"]{margin:0 0 4px;font-size:13px;font-weight:600}` +
  `[part="messages"]{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}` +
  `[part~="message"]{max-width:85%;padding:8px 12px;border-radius:12px;background:var(--tt-attendant-bubble,#f0f0f3);color:#1c2024;align-self:flex-start}` +
  `[data-author="customer"]{align-self:flex-end;background:var(--tt-customer-bubble,var(--_p));color:var(--_op)}` +
  `[data-author="system"]{align-self:center;background:none;color:var(--_muted);font-size:12px;text-align:center}` +
  `[part="author"]{display:block;font-size:12px;font-weight:600}` +
  `[part="body"]{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}` +
  `[part="body"] a{text-decoration:underline}` +
  `[part="meta"]{display:block;font-size:11px;text-align:right}` +
  `[data-receipt="pending"]{opacity:0.7}` +
  `[data-receipt="failed"]{outline:2px solid var(--_error)}` +
  `[part="typing"]{margin:8px 0 0;color:var(--_muted);font-size:12px;font-style:italic}` +
  `[part="compose"]{display:flex;gap:8px;align-items:flex-end;padding:12px;border-top:1px solid var(--_border)}` +
  `[part="compose"] textarea{flex:1;max-height:120px}` +
  `[part="compose"] [part="send"]{flex:none;width:40px;height:40px;padding:0;display:grid;place-items:center}` +
  `[part="attach"],[part="emoji"]{flex:none;width:40px;height:40px;padding:0;background:none;border:1px solid var(--_border)}` +
  `[part="counter"]{margin:0;padding:0 12px 8px;text-align:right;font-size:12px;color:var(--_muted)}` +
  `.footer-alert{padding:0 12px 8px}` +
  `[part="end-confirm"]{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:8px 12px;border-bottom:1px solid var(--_border)}` +
  `[part="end-confirm"] p{flex:1;margin:0;font-weight:600}`;
