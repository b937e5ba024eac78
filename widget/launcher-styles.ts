/**
 * Styles of the loader's shadow root: the launcher button and the frame the panel goes into.
 * A plain string (no Lit in the loader). Custom properties are documented on `<tomticket-chat>`.
 */
export const launcherStyles = `
:host{position:fixed;z-index:var(--tt-z-index,2147483000);right:var(--tt-offset,20px);bottom:var(--tt-offset,20px);font-family:var(--tt-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)}
:host([position*=left]){right:auto;left:var(--tt-offset,20px)}
:host([hidden]){display:none}
[part=launcher]{display:grid;place-items:center;position:relative;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--tt-primary,#0b63ce);color:var(--tt-on-primary,#fff);box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}
[part=launcher]:focus-visible{outline:3px solid var(--tt-focus,#ffbf47);outline-offset:2px}
[part=launcher][aria-busy=true]{cursor:progress;opacity:.8}
svg{width:28px;height:28px;fill:currentColor}
[aria-expanded=true] .o,[aria-expanded=false] .x{display:none}
[data-unread]::after{content:"";position:absolute;top:2px;right:2px;width:12px;height:12px;border:2px solid #fff;border-radius:50%;background:var(--tt-badge,#e5484d)}
[part=panel]{position:absolute;right:0;bottom:72px;width:min(var(--tt-panel-width,380px),calc(100vw - 32px));height:min(var(--tt-panel-height,600px),calc(100vh - 112px));overflow:hidden;border-radius:var(--tt-radius,12px);background:var(--tt-surface,#fff);box-shadow:0 8px 32px rgba(0,0,0,.25)}
:host([position*=left]) [part=panel]{right:auto;left:0}
[part=panel][hidden]{display:none}
@media (max-width:480px){[part=panel]{position:fixed;inset:0;width:auto;height:auto;border-radius:0}:host([open]) [part=launcher]{display:none}}
`;
