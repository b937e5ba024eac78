/**
 * POST /api/customers/:id/invitation: invites the customer to the Painel do Cliente
 * (customer-auth/invite.ts). Administrators and department managers; audited as
 * `customer.invited`. Answers the link, so the console can show it when e-mail is not set up.
 */
import { Hono } from "hono";
import { requireAttendant } from "../auth/session";
import { inviteCustomer } from "../customer-auth/invite";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../errors";
import { idParam } from "../validate";
import type { CustomerInvitationResponse } from "../views-panel";

export const customerInvitationRoutes = new Hono<AppEnv>().post("/:id/invitation", requireAttendant, async (c) => {
  if (c.get("attendant").role === "attendant") throw forbidden("Only administrators and managers invite customers");
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such customer");
  return c.json((await inviteCustomer(c, id.data)) satisfies CustomerInvitationResponse, 201);
});
