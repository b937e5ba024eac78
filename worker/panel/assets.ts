/**
 * The Painel do Cliente's stylesheet and its one small script, inlined in every page under the
 * page's CSP nonce. The script only drives forms marked `data-api`: it posts their fields as
 * JSON to the panel's API, then opens `data-next` (or shows `data-done`), or shows the error the
 * answer names (texts from `#panel-messages`, escaped by the page like every other value) in the
 * form's `role=alert` line and marks the field it is about.
 */

export const PANEL_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f3f5f8}
a{color:#1d4ed8}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #93b4f5;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:10}
header{background:#1e293b;color:#fff;padding:10px 16px}
.bar{max-width:960px;margin:0 auto;display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px}
.brand{margin:0;font-weight:700;font-size:1.05rem;flex:1 1 auto;overflow-wrap:anywhere}
.brand span{font-weight:400;opacity:.85}
header nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;padding:0;list-style:none;align-items:center}
header a,header .linklike{color:#fff}
header a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.linklike{background:none;border:0;padding:0;font:inherit;text-decoration:underline;cursor:pointer}
main{max-width:960px;margin:0 auto;padding:20px 16px 120px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 2px 12px rgba(15,23,42,.07);margin-bottom:16px}
.narrow{max-width:440px;margin-left:auto;margin-right:auto}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 8px}
h2{font-size:1.15rem;margin:0 0 8px}
.muted{color:#475467}
.field{margin-bottom:16px}
label{display:block;font-weight:600;margin-bottom:6px}
input,select,textarea{width:100%;padding:10px 12px;font:inherit;color:inherit;border:1px solid #767f8f;border-radius:8px;background:#fff}
textarea{min-height:120px;resize:vertical}
[aria-invalid=true]{border-color:#b42318}
.hint{margin:6px 0 0;font-size:.875rem;color:#475467}
.alert{color:#b42318;font-weight:600;margin:0 0 12px}
.alert:empty,.status:empty{display:none}
.status{color:#05603a;font-weight:600;margin:0 0 12px}
button.primary,a.button{display:inline-block;padding:10px 18px;font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:8px;cursor:pointer;text-decoration:none}
button[aria-disabled=true]{background:#475467;cursor:progress}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;margin-bottom:12px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:10px 8px;border-bottom:1px solid #e4e7ec;vertical-align:top}
th{font-size:.875rem;color:#475467}
.badge{display:inline-block;padding:2px 8px;border-radius:999px;background:#e0e7ff;color:#1e3a8a;font-size:.8125rem;white-space:nowrap}
.thread{list-style:none;margin:0;padding:0;display:grid;gap:12px}
.entry{border:1px solid #e4e7ec;border-radius:10px;padding:10px 12px;background:#fff}
.entry.mine{background:#eef4ff;border-color:#c7d7fe}
.entry.system{background:#f8fafc;font-style:italic}
.who{margin:0 0 4px;font-size:.875rem;color:#475467}
.who strong{color:#1f2933}
.body{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.pager{display:flex;gap:16px;margin-top:12px}
.langs{max-width:960px;margin:0 auto;padding:0 16px 24px;font-size:.875rem}
.langs ul{display:flex;gap:12px;list-style:none;margin:0;padding:0}
@media (max-width:600px){
  .list thead{display:none}
  .list tr{display:block;padding:10px 0;border-bottom:1px solid #e4e7ec}
  .list td{display:block;border:0;padding:2px 0}
  .list td[data-label]::before{content:attr(data-label) ": ";color:#475467;font-size:.875rem}
}
`;

export const PANEL_SCRIPT = `
(() => {
  const text = document.getElementById("panel-messages").dataset;
  const byCode = { invalid_credentials: "invalidCredentials", rate_limited: "rateLimited", email_not_configured: "emailNotConfigured", token_invalid: "tokenInvalid", token_expired: "tokenExpired", unknown_department: "unknownDepartment" };
  const byField = { name: "badName", email: "badEmail", password: "badPassword", subject: "badSubject", message: "badMessage", body: "badBody", departmentId: "unknownDepartment" };
  for (const form of document.querySelectorAll("form[data-api]")) {
    const alert = form.querySelector("[data-role=alert]");
    const status = form.querySelector("[data-role=status]");
    const button = form.querySelector("button[type=submit]");
    let busy = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      button.setAttribute("aria-disabled", "true");
      alert.textContent = "";
      if (status) status.textContent = "";
      const body = {};
      for (const el of form.elements) {
        if (!el.name) continue;
        el.removeAttribute("aria-invalid");
        if (el.value !== "" || !el.hasAttribute("data-optional")) body[el.name] = el.value;
      }
      try {
        const res = await fetch(form.dataset.api, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const answer = res.status === 204 ? {} : await res.json().catch(() => ({}));
        if (res.ok && form.dataset.done) { status.textContent = form.dataset.done; form.reset(); }
        else if (res.ok) { location.assign(form.dataset.next.replace("{id}", encodeURIComponent((answer.ticket || {}).id || ""))); return; }
        else {
          const error = answer.error || {};
          if (error.code === "unauthenticated" && form.dataset.login) { location.assign(form.dataset.login); return; }
          const field = (error.field || "").split(".")[0];
          const input = field ? form.elements.namedItem(field) : null;
          if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
          alert.textContent = text[byCode[error.code]] || (input && text[byField[field]]) || text.generic;
        }
      } catch {
        alert.textContent = text.network;
      }
      busy = false;
      button.removeAttribute("aria-disabled");
    });
  }
})();
`;
