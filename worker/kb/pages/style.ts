/**
 * The public knowledge base's one stylesheet, inline (one request per page, no build step).
 * Readable at 390 px and 1280 px; colours meet WCAG AA contrast on white.
 */
export const KB_STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f7f9fb}
.wrap{max-width:820px;margin:0 auto;padding:0 16px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.top{background:#0b4f8a;color:#fff;padding:16px 0 20px}
.top .wrap{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between}
.brand{color:#fff;font-weight:700;font-size:1.15rem;text-decoration:none}
.brand span{font-weight:400}
.search{display:flex;flex:1 1 320px;max-width:460px;gap:8px}
.search input{flex:1;min-width:0;padding:10px 12px;border:1px solid #9fb3c8;border-radius:6px;font:inherit}
.search button,.vote button{padding:10px 16px;border:0;border-radius:6px;background:#f0b429;color:#1f2933;font:inherit;font-weight:600;cursor:pointer}
main{padding:24px 16px 48px}
h1{font-size:1.75rem;line-height:1.25;margin:8px 0 12px}
h2{font-size:1.25rem;margin:28px 0 8px}
.lead{color:#3e4c59;margin-top:0}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(240px,1fr))}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:16px}
.card h2{margin:0 0 4px;font-size:1.1rem}
.card ul,.list{padding-left:20px;margin:8px 0 0}
.count{color:#52606d;font-size:.9rem;margin:0}
.hits{list-style:none;padding:0}
.hits li{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 16px;margin-bottom:12px}
.hits p{margin:4px 0 0;color:#3e4c59}
mark{background:#ffe58f;color:inherit}
.trail ol{list-style:none;display:flex;flex-wrap:wrap;gap:4px;padding:0;margin:0;font-size:.9rem;color:#52606d}
.trail li+li::before{content:"›";margin-right:4px}
.article{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:8px 24px 24px;overflow-wrap:anywhere}
.article img{max-width:100%;height:auto}
.article pre{overflow:auto;background:#f0f4f8;padding:12px;border-radius:6px}
.article code{background:#f0f4f8;padding:1px 4px;border-radius:4px}
.article table{border-collapse:collapse;display:block;overflow:auto}
.article th,.article td{border:1px solid #bcccdc;padding:6px 10px}
.article blockquote{border-left:4px solid #bcccdc;margin:0;padding-left:12px;color:#3e4c59}
.meta{color:#52606d;font-size:.9rem}
.vote{margin-top:24px;padding:16px;background:#fff;border:1px solid #d9e2ec;border-radius:8px}
.vote form{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.vote fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.vote legend{font-weight:600;float:left;margin-right:8px}
.notice{font-weight:600;color:#1d6b3a;margin:0}
.notice.warn{color:#8a4b00}
.foot{color:#52606d;font-size:.9rem;padding-bottom:96px}
`;
