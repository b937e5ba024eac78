/**
 * GET /api/chats/:id/visitor: the visitor details of a chat for the console's header: browser,
 * system and device (from the User-Agent recorded at its start), the page's title and address,
 * and the customer's earlier chats in the departments the caller sees (a count and the latest
 * few, each linking to its transcript). A chat the caller may not see, or of another account,
 * is 404 (as GET /api/chats/:id).
 */
import { and, count, desc, eq, inArray, lt, ne } from "drizzle-orm";
import { Hono } from "hono";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { chats, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { parseUserAgent } from "../user-agent";
import { idParam } from "../validate";
import type { ChatVisitorResponse } from "../views-console";

/** How many earlier chats are listed (the count covers them all). */
export const PREVIOUS_CHATS_LISTED = 5;

/** Mounted beside chatRoutes: the session check is on the route, so it never runs twice for theirs. */
export const chatVisitorRoutes = new Hono<AppEnv>().get("/:id/visitor", requireAttendant, async (c) => {
  const who = c.get("attendant");
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const db = database(c.env.DB);
  const allowed = (await visibleDepartments(c.env.DB, who)).map((d) => d.id);
  const chat = await db
    .select({ customerId: chats.customerId, departmentId: chats.departmentId, createdAt: chats.createdAt, userAgent: chats.userAgent, pageTitle: chats.pageTitle, pageUrl: chats.pageUrl })
    .from(chats)
    .where(and(eq(chats.id, id.data), eq(chats.accountId, who.accountId)))
    .get();
  if (!chat || !allowed.includes(chat.departmentId)) throw notFound("No such chat");

  const earlier = and(
    eq(chats.accountId, who.accountId),
    eq(chats.customerId, chat.customerId),
    ne(chats.id, id.data),
    lt(chats.createdAt, chat.createdAt),
    inArray(chats.departmentId, allowed),
  );
  const [total, latest] = await Promise.all([
    db.select({ n: count() }).from(chats).where(earlier).get(),
    db
      .select({ id: chats.id, number: chats.number, status: chats.status, departmentName: departments.name, createdAt: chats.createdAt })
      .from(chats)
      .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
      .where(earlier)
      .orderBy(desc(chats.createdAt))
      .limit(PREVIOUS_CHATS_LISTED),
  ]);
  const ua = parseUserAgent(chat.userAgent);
  return c.json({
    browser: ua?.browser ?? null,
    os: ua?.os ?? null,
    device: ua?.device ?? null,
    userAgent: chat.userAgent,
    pageTitle: chat.pageTitle,
    pageUrl: chat.pageUrl,
    previousChats: { count: total?.n ?? 0, latest },
  } satisfies ChatVisitorResponse);
});
