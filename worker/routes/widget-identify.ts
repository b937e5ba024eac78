/**
 * POST /api/widget/identify: the host site vouches for its logged-in customer with a customer
 * hash, and the widget gets a token for that customer: the same one on every device, so the
 * history follows the person. A forged hash is refused before anything is written.
 */
import { Hono } from "hono";
import * as z from "zod";
import { signToken, tokenSecret } from "../auth/tokens";
import { invalidCustomerHash, verifiedCustomer, verifyCustomerHash } from "../customer-identity";
import type { AppEnv } from "../env";
import { parseBody } from "../validate";
import type { WidgetIdentifyResponse } from "../views";
import { AccountKey, accountByKey } from "./widget-common";

const IdentifyBody = z.object({
  account: AccountKey,
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().email().max(254),
  customerHash: z.string().min(1).max(200),
});

export const widgetIdentifyRoutes = new Hono<AppEnv>().post("/identify", async (c) => {
  const body = await parseBody(c, IdentifyBody);
  const account = await accountByKey(c, body.account);
  if (!(await verifyCustomerHash(account.secret, body.email, body.customerHash))) throw invalidCustomerHash();
  const customer = await verifiedCustomer(c.env.DB, account.id, body.name, body.email);
  const customerToken = await signToken(tokenSecret(c.env), { k: "customer", a: account.id, c: customer.id, iat: Date.now() });
  return c.json({ customerToken, customer, verified: true } satisfies WidgetIdentifyResponse);
});
