/**
 * The logged-in customer's tickets and chats, JSON (docs/API.md "Painel do Cliente"), under
 * `/api/p/:key`: what the panel's pages show and the app Meu Suporte reads. Only the session's
 * customer, in the session's account: anybody else's id is a 404.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import { requireCustomerSession } from "../customer-auth/session";
import { MAX_SUBJECT } from "../tickets/create";
import { chatDetail, listChats } from "../panel/chats";
import { listTickets, openTicket, replyToTicket, ticketDetail, ticketUpdates } from "../panel/tickets";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { idParam, parseBody, parseQuery } from "../validate";
import type {
  PanelChatDetailResponse,
  PanelChatsResponse,
  PanelEntryResponse,
  PanelTicketDetailResponse,
  PanelTicketResponse,
  PanelTicketsResponse,
  PanelUpdatesResponse,
} from "../views-panel";
import { panelAccount } from "./panel-auth-api";
import { MAX_TICKET_BODY } from "./tickets";

const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const UpdatesQuery = z.object({ since: z.coerce.number().int().min(0) });
const Body = z.string().trim().min(1).max(MAX_TICKET_BODY);
const NewTicketBody = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(MAX_SUBJECT)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "No line breaks or control characters"),
  message: Body,
  departmentId: idParam.optional(),
});
const ReplyBody = z.object({ body: Body });

/** The path's account and the session's customer in it (401 without one). */
async function who(c: Context<AppEnv>) {
  const account = await panelAccount(c);
  const customer = await requireCustomerSession(c, account.id);
  return { accountId: account.id, customer };
}

/** The `:id` of the path; a malformed one is a 404 like an unknown one. */
function pathId(c: Context<AppEnv>, what: string): string {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound(`No such ${what}`);
  return id.data;
}

export const panelDataApiRoutes = new Hono<AppEnv>()
  .get("/:key/tickets", async (c) => {
    const { accountId, customer } = await who(c);
    const { page } = parseQuery(c, PageQuery);
    return c.json((await listTickets(c.env.DB, accountId, customer, page)) satisfies PanelTicketsResponse);
  })
  .post("/:key/tickets", async (c) => {
    const { accountId, customer } = await who(c);
    const body = await parseBody(c, NewTicketBody);
    const ticket = await openTicket(c.env, accountId, customer, body);
    return c.json({ ticket } satisfies PanelTicketResponse, 201);
  })
  .get("/:key/tickets/:id", async (c) => {
    const { accountId, customer } = await who(c);
    return c.json((await ticketDetail(c.env.DB, accountId, customer, pathId(c, "ticket"))) satisfies PanelTicketDetailResponse);
  })
  .post("/:key/tickets/:id/replies", async (c) => {
    const { accountId, customer } = await who(c);
    const id = pathId(c, "ticket");
    const { body } = await parseBody(c, ReplyBody);
    const entry = await replyToTicket(c.env, accountId, customer, id, body);
    return c.json({ entry } satisfies PanelEntryResponse, 201);
  })
  .get("/:key/chats", async (c) => {
    const { accountId, customer } = await who(c);
    const { page } = parseQuery(c, PageQuery);
    return c.json((await listChats(c.env.DB, accountId, customer, page)) satisfies PanelChatsResponse);
  })
  .get("/:key/chats/:id", async (c) => {
    const { accountId, customer } = await who(c);
    return c.json((await chatDetail(c.env, accountId, customer, pathId(c, "chat"))) satisfies PanelChatDetailResponse);
  })
  .get("/:key/updates", async (c) => {
    const { accountId, customer } = await who(c);
    const { since } = parseQuery(c, UpdatesQuery);
    return c.json((await ticketUpdates(c.env.DB, accountId, customer, since)) satisfies PanelUpdatesResponse);
  });
