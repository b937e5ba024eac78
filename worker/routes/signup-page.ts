/**
 * GET /signup: the sign-up page, server-rendered in pt-BR, en or es (`?lang=`, then
 * Accept-Language). A plain form that works with the keyboard and a screen reader (labels,
 * hints and errors tied to their inputs, errors announced); a small inline script, allowed by a
 * per-request nonce, posts it as JSON to /api/signup, shows each error next to the field the
 * answer names (`error.field`) and opens the console on success. The texts the script shows
 * travel as `data-` attributes, escaped like every other value of the page.
 */
import { Hono, type Context } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../env";
import { pickLang, type Lang } from "../settings/look";
import { randomToken } from "../auth/encoding";
import { MIN_PASSWORD_LENGTH, signupEnabled } from "./signup";

interface Texts {
  title: string;
  intro: string;
  company: string;
  name: string;
  email: string;
  password: string;
  passwordHint: string;
  submit: string;
  busy: string;
  haveAccount: string;
  login: string;
  languages: string;
  /** Messages the script shows, by error code or field. */
  messages: Record<"emailTaken" | "company" | "name" | "email" | "password" | "rateLimited" | "disabled" | "network" | "generic", string>;
}

const TEXTS: Record<Lang, Texts> = {
  "pt-BR": {
    title: "Crie sua conta",
    intro: "Comece a atender seus clientes pelo chat em poucos minutos.",
    company: "Empresa",
    name: "Seu nome",
    email: "E-mail",
    password: "Senha",
    passwordHint: "Pelo menos 10 caracteres.",
    submit: "Criar conta",
    busy: "Criando…",
    haveAccount: "Já tem uma conta?",
    login: "Entrar",
    languages: "Idioma",
    messages: {
      emailTaken: "Este e-mail já tem uma conta. Entre com ele ou use outro.",
      company: "Informe o nome da empresa.",
      name: "Informe seu nome.",
      email: "Informe um e-mail válido.",
      password: "A senha precisa ter pelo menos 10 caracteres.",
      rateLimited: "Muitas tentativas. Aguarde um minuto e tente de novo.",
      disabled: "O cadastro está desativado neste servidor.",
      network: "Não foi possível falar com o servidor. Verifique sua conexão.",
      generic: "Algo deu errado. Tente de novo.",
    },
  },
  en: {
    title: "Create your account",
    intro: "Start chatting with your customers in a few minutes.",
    company: "Company",
    name: "Your name",
    email: "E-mail",
    password: "Password",
    passwordHint: "At least 10 characters.",
    submit: "Create account",
    busy: "Creating…",
    haveAccount: "Already have an account?",
    login: "Log in",
    languages: "Language",
    messages: {
      emailTaken: "This e-mail already has an account. Log in with it or use another one.",
      company: "Enter your company's name.",
      name: "Enter your name.",
      email: "Enter a valid e-mail.",
      password: "The password needs at least 10 characters.",
      rateLimited: "Too many attempts. Wait a minute and try again.",
      disabled: "Sign-up is turned off on this server.",
      network: "Could not reach the server. Check your connection.",
      generic: "Something went wrong. Try again.",
    },
  },
  es: {
    title: "Crea tu cuenta",
    intro: "Empieza a atender a tus clientes por chat en pocos minutos.",
    company: "Empresa",
    name: "Tu nombre",
    email: "Correo electrónico",
    password: "Contraseña",
    passwordHint: "Al menos 10 caracteres.",
    submit: "Crear cuenta",
    busy: "Creando…",
    haveAccount: "¿Ya tienes una cuenta?",
    login: "Entrar",
    languages: "Idioma",
    messages: {
      emailTaken: "Este correo ya tiene una cuenta. Entra con él o usa otro.",
      company: "Escribe el nombre de la empresa.",
      name: "Escribe tu nombre.",
      email: "Escribe un correo válido.",
      password: "La contraseña necesita al menos 10 caracteres.",
      rateLimited: "Demasiados intentos. Espera un minuto y vuelve a intentarlo.",
      disabled: "El registro está desactivado en este servidor.",
      network: "No se pudo contactar con el servidor. Revisa tu conexión.",
      generic: "Algo salió mal. Inténtalo de nuevo.",
    },
  },
};

/** The languages of an Accept-Language header, most preferred first. */
function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px 16px;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#eef2f6}
main{width:100%;max-width:420px;background:#fff;border-radius:12px;padding:32px 28px;box-shadow:0 4px 24px rgba(15,23,42,.08)}
h1{margin:0 0 4px;font-size:1.5rem;line-height:1.25}
.intro{margin:0 0 24px;color:#475467}
.field{margin-bottom:18px}
label{display:block;font-weight:600;margin-bottom:6px}
input{width:100%;padding:10px 12px;font:inherit;color:inherit;border:1px solid #767f8f;border-radius:8px;background:#fff}
input:focus{outline:3px solid #93b4f5;outline-offset:1px;border-color:#1d4ed8}
input[aria-invalid=true]{border-color:#b42318}
.hint{margin:6px 0 0;font-size:.875rem;color:#475467}
.error{margin:6px 0 0;font-size:.875rem;color:#b42318;font-weight:600}
.error:empty{display:none}
button{width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:8px;cursor:pointer}
button:hover{background:#1e40af}
button:focus-visible{outline:3px solid #93b4f5;outline-offset:2px}
button[aria-disabled=true]{background:#475467;cursor:progress}
.form-error{margin:0 0 16px}
.login{margin:20px 0 0;text-align:center;color:#475467}
a{color:#1d4ed8}
nav{margin-top:16px;text-align:center;font-size:.875rem}
nav a{margin:0 6px}
`;

/** Posts the form as JSON; shows errors next to `error.field`; opens the console on success. */
const SCRIPT = `
(() => {
  const form = document.getElementById("signup");
  const summary = document.getElementById("form-error");
  const button = form.querySelector("button[type=submit]");
  const fields = ["company", "name", "email", "password"];
  const text = form.dataset;
  let busy = false;
  const clear = () => {
    summary.textContent = "";
    for (const name of fields) {
      form.elements[name].removeAttribute("aria-invalid");
      document.getElementById(name + "-error").textContent = "";
    }
  };
  const show = (field, message) => {
    if (!fields.includes(field)) { summary.textContent = message; return; }
    const input = form.elements[field];
    input.setAttribute("aria-invalid", "true");
    document.getElementById(field + "-error").textContent = message;
    input.focus();
  };
  const messageFor = (error) => {
    if (error.code === "email_taken") return text.msgEmailTaken;
    if (error.code === "rate_limited") return text.msgRateLimited;
    if (error.code === "signup_disabled") return text.msgDisabled;
    const field = (error.field || "").split(".")[0];
    if (error.code === "bad_request" && fields.includes(field)) return text["msg" + field[0].toUpperCase() + field.slice(1)];
    return error.message || text.msgGeneric;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    clear();
    busy = true;
    button.setAttribute("aria-disabled", "true");
    button.textContent = text.busy;
    try {
      const body = Object.fromEntries(fields.map((name) => [name, form.elements[name].value]));
      const res = await fetch("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (res.ok) { location.assign("/admin/"); return; }
      const answer = await res.json().catch(() => ({}));
      const error = answer.error || {};
      show((error.field || "").split(".")[0], messageFor(error));
    } catch {
      show("", text.msgNetwork);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
      button.textContent = text.submit;
    }
  });
})();
`;

/** The page's policy: only this response's own inline style and script, and requests to our origin. */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

interface Field {
  name: "company" | "name" | "email" | "password";
  label: string;
  type: "text" | "email" | "password";
  autocomplete: string;
  maxlength: number;
  minlength?: number;
  hint?: string;
}

/** A labelled input with its hint and its error line, both read out with it (aria-describedby). */
function field(f: Field) {
  const describedBy = f.hint ? `${f.name}-hint ${f.name}-error` : `${f.name}-error`;
  return html`<div class="field">
<label for="${f.name}">${f.label}</label>
<input id="${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" required maxlength="${f.maxlength}"${
    f.minlength ? html` minlength="${f.minlength}"` : ""
  }${f.type === "email" ? html` spellcheck="false"` : ""} aria-describedby="${describedBy}">
${f.hint ? html`<p class="hint" id="${f.name}-hint">${f.hint}</p>` : ""}
<p class="error" id="${f.name}-error"></p>
</div>`;
}

/** The sign-up page in the request's language. */
function signupPage(c: Context<AppEnv>) {
  const lang = pickLang(c.req.query("lang"), ...acceptedLanguages(c.req.header("Accept-Language")));
  const t = TEXTS[lang];
  const m = t.messages;
  const nonce = randomToken(16);
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · Atendimento Online</title>
<style nonce="${nonce}">${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p class="intro">${t.intro}</p>
<form id="signup" method="post" action="/api/signup" novalidate
  data-submit="${t.submit}" data-busy="${t.busy}" data-msg-email-taken="${m.emailTaken}" data-msg-company="${m.company}"
  data-msg-name="${m.name}" data-msg-email="${m.email}" data-msg-password="${m.password}" data-msg-rate-limited="${m.rateLimited}"
  data-msg-disabled="${m.disabled}" data-msg-network="${m.network}" data-msg-generic="${m.generic}">
<p class="error form-error" id="form-error" role="alert"></p>
${field({ name: "company", label: t.company, type: "text", autocomplete: "organization", maxlength: 120 })}
${field({ name: "name", label: t.name, type: "text", autocomplete: "name", maxlength: 120 })}
${field({ name: "email", label: t.email, type: "email", autocomplete: "email", maxlength: 254 })}
${field({ name: "password", label: t.password, type: "password", autocomplete: "new-password", maxlength: 200, minlength: MIN_PASSWORD_LENGTH, hint: t.passwordHint })}
<button type="submit">${t.submit}</button>
</form>
<p class="login">${t.haveAccount} <a href="/admin/">${t.login}</a></p>
<nav aria-label="${t.languages}"><a href="?lang=pt-BR" lang="pt-BR">Português</a><a href="?lang=en" lang="en">English</a><a href="?lang=es" lang="es">Español</a></nav>
</main>
<script nonce="${nonce}">${raw(SCRIPT)}</script>
</body>
</html>`;
  return c.html(page, 200, {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "Cache-Control": "no-store",
    Vary: "Accept-Language",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  });
}

/** GET /signup; a 404 like any unknown path when the deployment turned sign-up off. */
export const signupPageRoutes = new Hono<AppEnv>().get("/", (c) => {
  if (!signupEnabled(c.env)) return c.text("Not found", 404);
  return signupPage(c);
});
