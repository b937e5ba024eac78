/**
 * `GET /api/app/:key/config`: what the app Meu Suporte needs before anything else (the
 * company, its language and colour, and whether and how it offers the chat). Public: the same
 * facts the shell page and the widget's config already show anyone with the key.
 */
import { Hono } from "hono";
import { appAccount } from "../app-shell/account";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { clientIp, enforce } from "../rate-limit";
import { surfaceChat } from "../surfaces/settings";
import type { AppConfigResponse } from "../views-app";

export const appApiRoutes = new Hono<AppEnv>().get("/:key/config", async (c) => {
  await enforce(c.env.PUBLIC_LIMITER, `app:${clientIp(c)}`);
  const account = await appAccount(c.env.DB, c.req.param("key"));
  if (!account) throw notFound("No such app");
  const chat = await surfaceChat(c.env.DB, account.id, "app");
  const body: AppConfigResponse = {
    company: account.name,
    locale: account.locale,
    themeColor: account.themeColor,
    chat: chat ? { departmentId: chat.departmentId } : null,
  };
  // A switched chat shows up on the app's next start; the service worker keeps a copy for offline starts.
  return c.json(body, 200, { "Cache-Control": "no-cache" });
});
