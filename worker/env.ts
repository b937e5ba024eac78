import type { DepartmentRoom } from "../durable-objects/department-room";
import type { Outbox } from "../durable-objects/outbox";

/** Bindings declared in wrangler.toml, plus the TOKEN_SECRET secret (.dev.vars locally). */
export interface Env {
  DB: D1Database;
  DEPARTMENT: DurableObjectNamespace<DepartmentRoom>;
  ASSETS: Fetcher;
  LOGIN_LIMITER: RateLimit;
  PUBLIC_LIMITER: RateLimit;
  /** Pop-up chat logos (`<account id>/<sha-256>.<ext>`), served by GET /logos/. */
  LOGOS: R2Bucket;
  /** Files sent in chats (`<account id>/<chat id>/<attachment id>`), served through signed, expiring URLs. */
  ATTACHMENTS: R2Bucket;
  /** Signs customer tokens and socket tokens. `wrangler secret put TOKEN_SECRET` in production. */
  TOKEN_SECRET: string;
  /** "off" turns self-service sign-up off (POST /api/signup 403, GET /signup 404); on otherwise. */
  SIGNUP?: string;
  /** One durable e-mail outbox per account (durable-objects/outbox.ts), named by the account id. */
  OUTBOX: DurableObjectNamespace<Outbox>;
  /** Encrypts stored SMTP passwords (≥ 32 characters). `wrangler secret put EMAIL_SECRET` in production. */
  EMAIL_SECRET?: string;
  /** The public offline form: messages per account and IP, and per account and e-mail address (a minute). */
  OFFLINE_IP_LIMITER: RateLimit;
  OFFLINE_EMAIL_LIMITER: RateLimit;
  /** "Este artigo foi útil?" votes of the Base de Conhecimento, per IP (a minute). */
  KB_VOTE_LIMITER: RateLimit;
  /** Chat attachments: uploads per chat and side (a minute). */
  ATTACHMENT_LIMITER: RateLimit;
  /** The public widget API, one budget per kind of request (worker/routes/widget-limits.ts), a minute each. */
  WIDGET_CONFIG_LIMITER: RateLimit;
  WIDGET_CHAT_IP_LIMITER: RateLimit;
  WIDGET_CHAT_CUSTOMER_LIMITER: RateLimit;
  WIDGET_IDENTIFY_LIMITER: RateLimit;
  WIDGET_LIMITER: RateLimit;
}

/** Hono generics for the whole app. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    attendant: import("./auth/session").SessionAttendant;
  };
}
