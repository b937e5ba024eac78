/**
 * Worker entry: the Hono app for HTTP (static assets are served before it by the platform),
 * the department Durable Object class and the per-account e-mail Outbox class. The other
 * handlers: inbound e-mail (customers' answers to our e-mails), queue consumers (none bound yet)
 * and the daily Cron Trigger.
 */
import { app } from "./app";
import type { Env } from "./env";
import { receiveEmail } from "./email/inbound";
import { purgeExpired } from "./retention";
import { purgeExpiredCustomerAuth } from "./customer-auth/purge";
import { purgeLoginFailures } from "./auth/login-throttle";

export { DepartmentRoom } from "../durable-objects/department-room";
export { Outbox } from "../durable-objects/outbox";

export default {
  fetch: app.fetch,
  /** Customers' e-mailed answers to offline messages and tickets (worker/email/inbound.ts). */
  async email(message: ForwardableEmailMessage, env: Env): Promise<void> {
    await receiveEmail(message, env);
  },
  async queue(batch: MessageBatch<unknown>): Promise<void> {
    // No queue is bound yet; a message arriving here is one we cannot handle, so retry it later.
    batch.retryAll();
  },
  /** The daily Cron Trigger (wrangler.toml `[triggers]`): the retention purge, expired customer sessions and links, old login failures. */
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await purgeExpired(env);
    await purgeExpiredCustomerAuth(env.DB);
    await purgeLoginFailures(env.DB);
  },
} satisfies ExportedHandler<Env>;
