/**
 * Worker entry: the Hono app for HTTP (static assets are served before it by the platform),
 * the department Durable Object class and the per-account e-mail Outbox class. The other
 * handlers are the places where inbound e-mail, queue consumers and daily jobs (Cron Triggers)
 * plug in; until those features are configured they have nothing to do.
 */
import { app } from "./app";
import type { Env } from "./env";
import { purgeExpired } from "./retention";

export { DepartmentRoom } from "../durable-objects/department-room";
export { Outbox } from "../durable-objects/outbox";

export default {
  fetch: app.fetch,
  async email(message: ForwardableEmailMessage): Promise<void> {
    // No inbound address is configured yet: refuse rather than accept and drop.
    message.setReject("This address does not take e-mail");
  },
  async queue(batch: MessageBatch<unknown>): Promise<void> {
    // No queue is bound yet; a message arriving here is one we cannot handle, so retry it later.
    batch.retryAll();
  },
  /** The daily Cron Trigger (wrangler.toml `[triggers]`): the retention purge. */
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await purgeExpired(env.DB);
  },
} satisfies ExportedHandler<Env>;
