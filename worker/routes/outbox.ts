/**
 * The account's e-mail outbox for the console (administrators): what was sent, what waits for a
 * retry, what failed and why; a failed e-mail can be sent again. Rows live in the account's
 * Outbox Durable Object (durable-objects/outbox.ts), so another account's id is simply not found.
 */
import { Hono } from "hono";
import * as z from "zod";
import { requireAdministrator } from "../access";
import { requireAttendant } from "../auth/session";
import { outboxOf } from "../email/send";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../errors";
import { idParam, parseQuery } from "../validate";
import type { OutboxEntryResponse, OutboxListResponse } from "../views-email";

const ListQuery = z.object({
  status: z.enum(["queued", "sending", "sent", "failed"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const outboxRoutes = new Hono<AppEnv>()
  .use(requireAttendant, requireAdministrator)
  .get("/", async (c) => {
    const { status, page, limit } = parseQuery(c, ListQuery);
    const { emails, hasMore } = await outboxOf(c.env, c.get("attendant").accountId).list(status, page, limit);
    return c.json({ emails, page, hasMore } satisfies OutboxListResponse);
  })
  .post("/:id/resend", async (c) => {
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such e-mail");
    const result = await outboxOf(c.env, c.get("attendant").accountId).resend(id.data);
    if (!result.ok && result.reason === "not_found") throw notFound("No such e-mail");
    if (!result.ok) throw conflict("not_failed", "Only a failed e-mail can be sent again");
    return c.json({ email: result.email } satisfies OutboxEntryResponse);
  });
