/**
 * The logged-in pages of the Painel do Cliente: the customer's tickets (list, thread with the
 * reply form, a new ticket with the choice among active departments) and chats (list,
 * transcript). Read through the same modules as the JSON API (panel/tickets.ts, panel/chats.ts),
 * so the pages never show more than the API does. Without a session: back to the login page.
 */
import { and, asc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import * as z from "zod";
import { sessionCustomer } from "../customer-auth/session";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { chatDetail, listChats } from "../panel/chats";
import { api, apiForm, field, when } from "../panel/forms";
import { panelPage, renderPanel, type PanelPage } from "../panel/layout";
import { listTickets, ticketDetail } from "../panel/tickets";
import { MAX_SUBJECT } from "../tickets/create";
import type { PanelCustomer } from "../views-panel";
import { pageAccount, unknownPanel } from "../panel/page-account";
import { MAX_TICKET_BODY } from "./tickets";
import { idParam } from "../validate";

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

type Handler = (p: PanelPage & { customer: PanelCustomer }) => Promise<Response>;

/** Runs `handler` for the session's customer; redirects to the login page without one. */
function loggedIn(handler: Handler) {
  return async (c: Context<AppEnv>) => {
    const account = await pageAccount(c);
    if (!account) return unknownPanel(c);
    const customer = await sessionCustomer(c, account.id);
    const p = panelPage(c, account, c.req.param("key")!, customer);
    if (!customer) return c.redirect(p.href("/"), 302);
    try {
      return await handler({ ...p, customer });
    } catch (error) {
      // Another customer's (or an unknown) ticket or chat: the same page as any unknown path.
      if (error instanceof ApiError && error.status === 404) return renderPanel(p, { title: p.t.notFound, status: 404, body: html`<div class="card"><h1>${p.t.notFound}</h1></div>` });
      throw error;
    }
  };
}

function pathId(c: Context<AppEnv>): string {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw new ApiError(404, "not_found", "Not found");
  return id.data;
}

function pager(p: PanelPage, path: string, page: number, hasMore: boolean) {
  const link = (n: number, label: string) => html`<a href="${p.href(path)}${p.href("").includes("?") ? "&" : "?"}page=${n}">${label}</a>`;
  if (page === 1 && !hasMore) return "";
  return html`<nav class="pager" aria-label="${p.t.tickets.title}">${page > 1 ? link(page - 1, p.t.tickets.newer) : ""}${hasMore ? link(page + 1, p.t.tickets.older) : ""}</nav>`;
}

const ticketsPage: Handler = async (p) => {
  const { t } = p;
  const page = Page.parse(p.c.req.query("page"));
  const { tickets, hasMore } = await listTickets(p.c.env.DB, p.account.id, p.customer, page);
  const rows = tickets.map(
    (k) => html`<tr><td data-label="${t.tickets.number}">#${k.number}</td><td data-label="${t.tickets.subject}"><a href="${p.href(`/tickets/${k.id}`)}">${k.subject}</a></td>
<td data-label="${t.tickets.status}"><span class="badge">${t.ticketStatus[k.status]}</span></td><td data-label="${t.tickets.department}">${k.departmentName ?? "—"}</td><td data-label="${t.tickets.updated}">${when(p, k.updatedAt)}</td></tr>`,
  );
  const table = tickets.length
    ? html`<table class="list"><caption class="skip">${t.tickets.title}</caption><thead><tr><th scope="col">${t.tickets.number}</th><th scope="col">${t.tickets.subject}</th><th scope="col">${t.tickets.status}</th><th scope="col">${t.tickets.department}</th><th scope="col">${t.tickets.updated}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">${t.tickets.empty}</p>`;
  const body = html`<div class="card"><div class="actions"><h1>${t.tickets.title}</h1><a class="button" href="${p.href("/tickets/new")}">${t.tickets.create}</a></div>${table}${pager(p, "/tickets", page, hasMore)}</div>`;
  return renderPanel(p, { title: t.tickets.title, body, current: "/tickets" });
};

const newTicketPage: Handler = async (p) => {
  const { t } = p;
  const active = await database(p.c.env.DB)
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.accountId, p.account.id), eq(departments.active, true)))
    .orderBy(asc(departments.name))
    .limit(100);
  const choice = active.length
    ? html`<div class="field"><label for="departmentId">${t.fields.department}</label><select id="departmentId" name="departmentId" data-optional><option value="">${t.fields.anyDepartment}</option>${active.map((d) => html`<option value="${d.id}">${d.name}</option>`)}</select></div>`
    : "";
  const form = apiForm(
    p,
    { id: "new-ticket", api: api(p, "/tickets"), next: p.href("/tickets/{id}"), submit: t.tickets.open, label: t.tickets.create },
    field({ name: "subject", label: t.fields.subject, maxlength: MAX_SUBJECT }),
    choice,
    field({ name: "message", label: t.fields.message, type: "textarea", maxlength: MAX_TICKET_BODY }),
  );
  return renderPanel(p, { title: t.tickets.create, body: html`<div class="card"><h1>${t.tickets.create}</h1>${form}</div>`, current: "/tickets/new" });
};

const ticketPage: Handler = async (p) => {
  const { t } = p;
  const id = pathId(p.c);
  const { ticket, entries } = await ticketDetail(p.c.env.DB, p.account.id, p.customer, id);
  const items = entries.map(
    (e) => html`<li class="entry${e.author === "customer" ? " mine" : ""}"><p class="who"><strong>${e.author === "customer" ? t.tickets.you : e.authorName}</strong> · <time datetime="${new Date(e.createdAt).toISOString()}">${when(p, e.createdAt)}</time></p><p class="body">${e.body}</p></li>`,
  );
  const form = apiForm(
    p,
    { id: "reply", api: api(p, `/tickets/${ticket.id}/replies`), next: p.href(`/tickets/${ticket.id}`), submit: t.tickets.send, label: t.fields.reply },
    field({ name: "body", label: t.fields.reply, type: "textarea", maxlength: MAX_TICKET_BODY }),
  );
  const body = html`<p><a href="${p.href("/tickets")}">${t.tickets.back}</a></p>
<div class="card"><h1>#${ticket.number} ${ticket.subject}</h1><p class="muted"><span class="badge">${t.ticketStatus[ticket.status]}</span> ${ticket.departmentName ? html`· ${ticket.departmentName}` : ""}</p>
<section aria-label="${t.tickets.thread}"><ol class="thread">${items}</ol></section></div>
<div class="card">${form}</div>`;
  return renderPanel(p, { title: `#${ticket.number} ${ticket.subject}`, body, current: "/tickets" });
};

const chatsPage: Handler = async (p) => {
  const { t } = p;
  const page = Page.parse(p.c.req.query("page"));
  const { chats, hasMore } = await listChats(p.c.env.DB, p.account.id, p.customer, page);
  const rows = chats.map(
    (k) => html`<tr><td data-label="${t.tickets.number}"><a href="${p.href(`/chats/${k.id}`)}">#${k.number}</a></td><td data-label="${t.chats.started}">${when(p, k.createdAt)}</td><td data-label="${t.chats.department}">${k.departmentName}</td><td data-label="${t.chats.status}"><span class="badge">${t.chatStatus[k.status]}</span></td></tr>`,
  );
  const table = chats.length
    ? html`<table class="list"><caption class="skip">${t.chats.title}</caption><thead><tr><th scope="col">${t.tickets.number}</th><th scope="col">${t.chats.started}</th><th scope="col">${t.chats.department}</th><th scope="col">${t.chats.status}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">${t.chats.empty}</p>`;
  return renderPanel(p, { title: t.chats.title, body: html`<div class="card"><h1>${t.chats.title}</h1>${table}${pager(p, "/chats", page, hasMore)}</div>`, current: "/chats" });
};

const chatPage: Handler = async (p) => {
  const { t } = p;
  const { chat, messages } = await chatDetail(p.c.env, p.account.id, p.customer, pathId(p.c));
  const items = messages.map(
    (m) => html`<li class="entry${m.author === "customer" ? " mine" : m.author === "system" ? " system" : ""}"><p class="who"><strong>${m.author === "customer" ? t.tickets.you : m.authorName}</strong> · <time datetime="${new Date(m.createdAt).toISOString()}">${when(p, m.createdAt)}</time></p><p class="body">${m.body}</p></li>`,
  );
  const body = html`<p><a href="${p.href("/chats")}">${t.chats.back}</a></p>
<div class="card"><h1>#${chat.number} · ${chat.departmentName}</h1><p class="muted"><span class="badge">${t.chatStatus[chat.status]}</span> · ${when(p, chat.createdAt)}</p>
<section aria-label="${t.chats.transcript}">${messages.length ? html`<ol class="thread">${items}</ol>` : html`<p class="muted">${t.chats.noMessages}</p>`}</section></div>`;
  return renderPanel(p, { title: `#${chat.number}`, body, current: "/chats" });
};

export const panelDataPageRoutes = new Hono<AppEnv>()
  .get("/:key/tickets", loggedIn(ticketsPage))
  .get("/:key/tickets/new", loggedIn(newTicketPage))
  .get("/:key/tickets/:id", loggedIn(ticketPage))
  .get("/:key/chats", loggedIn(chatsPage))
  .get("/:key/chats/:id", loggedIn(chatPage));
