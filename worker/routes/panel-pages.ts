/**
 * The Painel do Cliente's pages at `/p/:key/` (public key or panel slug), server-rendered with
 * hono/html under a strict CSP (panel/layout.ts): log in, sign up, confirm a sign-up, accept an
 * invitation, forgot / reset the password. The forms post to the panel's JSON API
 * (panel-auth-api.ts) through the page's small script. The logged-in pages (tickets, chats)
 * are in panel-pages-data.ts. A link page only checks its token; using it is a POST, so a mail
 * scanner that opens the link uses nothing.
 */
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { database } from "../db/client";
import { MIN_CUSTOMER_PASSWORD } from "../customer-auth/credentials";
import { sessionCustomer } from "../customer-auth/session";
import { usableToken } from "../customer-auth/tokens";
import type { CustomerTokenPurpose } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { api, apiForm, field } from "../panel/forms";
import { panelPage, renderPanel, type PanelPage } from "../panel/layout";
import { pageAccount, unknownPanel } from "../panel/page-account";
import { panelDataPageRoutes } from "./panel-pages-data";

/** A public page: the context, or the plain 404 of an unknown key. */
async function publicPage(c: Context<AppEnv>): Promise<PanelPage | null> {
  const account = await pageAccount(c);
  if (!account) return null;
  return panelPage(c, account, c.req.param("key")!, null);
}

function card(title: string, intro: string, ...content: unknown[]) {
  return html`<div class="card narrow"><h1>${title}</h1><p class="muted">${intro}</p>${content}</div>`;
}

const password = (p: PanelPage, label = p.t.fields.password, autocomplete = "current-password") =>
  field({ name: "password", label, type: "password", autocomplete, maxlength: 200, ...(autocomplete === "new-password" ? { minlength: MIN_CUSTOMER_PASSWORD, hint: p.t.fields.passwordHint } : {}) });
const email = (p: PanelPage) => field({ name: "email", label: p.t.fields.email, type: "email", autocomplete: "email", maxlength: 254 });
const langInput = (p: PanelPage) => html`<input type="hidden" name="lang" value="${p.lang}">`;

function loginPage(p: PanelPage) {
  const { t } = p;
  const form = apiForm(p, { id: "login", api: api(p, "/login"), next: p.href("/tickets"), submit: t.login.submit, label: t.login.title }, email(p), password(p));
  const body = card(t.login.title, t.login.intro, form, html`<p><a href="${p.href("/forgot")}">${t.login.forgot}</a></p><p>${t.login.noAccount} <a href="${p.href("/signup")}">${t.login.signup}</a></p>`);
  return renderPanel(p, { title: t.login.title, body });
}

/** The page of an e-mailed link: its form while the token is usable, the reason otherwise. */
async function linkPage(c: Context<AppEnv>, purpose: CustomerTokenPurpose, render: (p: PanelPage, token: string, tokenEmail: string) => ReturnType<typeof renderPanel>) {
  const p = await publicPage(c);
  if (!p) return unknownPanel(c);
  const token = c.req.param("token") ?? "";
  try {
    const row = await usableToken(database(c.env.DB), p.account.id, purpose, token);
    return await render(p, token, row.email);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reason = error.code === "token_expired" ? p.t.badLink.expired : p.t.badLink.invalid;
    return renderPanel(p, { title: p.t.badLink.title, status: 404, body: card(p.t.badLink.title, reason, html`<p><a href="${p.href("/")}">${p.t.badLink.back}</a></p>`) });
  }
}

export const panelPageRoutes = new Hono<AppEnv>()
  .get("/:key", (c) => c.redirect(`/p/${encodeURIComponent(c.req.param("key"))}/`, 301))
  .get("/:key/", async (c) => {
    const p = await publicPage(c);
    if (!p) return unknownPanel(c);
    if (await sessionCustomer(c, p.account.id)) return c.redirect(p.href("/tickets"), 302);
    return loginPage(p);
  })
  .get("/:key/signup", async (c) => {
    const p = await publicPage(c);
    if (!p) return unknownPanel(c);
    const { t } = p;
    const form = apiForm(
      p,
      { id: "signup", api: api(p, "/signup"), done: t.signup.done, submit: t.signup.submit, label: t.signup.title },
      field({ name: "name", label: t.fields.name, autocomplete: "name", maxlength: 120 }),
      email(p),
      password(p, t.fields.password, "new-password"),
      langInput(p),
    );
    return renderPanel(p, { title: t.signup.title, body: card(t.signup.title, t.signup.intro, form, html`<p><a href="${p.href("/")}">${t.signup.haveAccount}</a></p>`) });
  })
  .get("/:key/forgot", async (c) => {
    const p = await publicPage(c);
    if (!p) return unknownPanel(c);
    const { t } = p;
    const form = apiForm(p, { id: "forgot", api: api(p, "/password-reset"), done: t.forgot.done, submit: t.forgot.submit, label: t.forgot.title }, email(p), langInput(p));
    return renderPanel(p, { title: t.forgot.title, body: card(t.forgot.title, t.forgot.intro, form, html`<p><a href="${p.href("/")}">${t.forgot.back}</a></p>`) });
  })
  .get("/:key/confirm/:token", (c) =>
    linkPage(c, "signup", (p, token) => {
      const form = apiForm(p, { id: "confirm", api: api(p, `/confirm/${token}`), next: p.href("/tickets"), submit: p.t.confirm.submit, label: p.t.confirm.title });
      return renderPanel(p, { title: p.t.confirm.title, body: card(p.t.confirm.title, p.t.confirm.intro, form) });
    }),
  )
  .get("/:key/invite/:token", (c) =>
    linkPage(c, "invite", (p, token, invited) => {
      const form = apiForm(p, { id: "invite", api: api(p, `/invite/${token}`), next: p.href("/tickets"), submit: p.t.invite.submit, label: p.t.invite.title }, password(p, p.t.fields.password, "new-password"));
      return renderPanel(p, { title: p.t.invite.title, body: card(p.t.invite.title, p.t.invite.intro.replace("{email}", invited), form) });
    }),
  )
  .get("/:key/reset/:token", (c) =>
    linkPage(c, "reset", (p, token) => {
      const form = apiForm(p, { id: "reset", api: api(p, `/password-reset/${token}`), next: p.href("/tickets"), submit: p.t.reset.submit, label: p.t.reset.title }, password(p, p.t.fields.newPassword, "new-password"));
      return renderPanel(p, { title: p.t.reset.title, body: card(p.t.reset.title, p.t.reset.intro, form) });
    }),
  )
  .route("/", panelDataPageRoutes);
