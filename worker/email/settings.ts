/**
 * The account's outgoing e-mail settings (SMTP server, credentials, sender). Stored as one more
 * settings document in the `settings` table, under the reserved key `department_id = "#email"`
 * (no department id starts with "#"), so they need no migration and never travel with the chat
 * settings that every attendant reads. The password is sealed (secret-box.ts) and never answered:
 * the view says `passwordSet`.
 */
import { and, eq } from "drizzle-orm";
import * as z from "zod";
import { database } from "../db/client";
import { settings } from "../db/schema";
import { emailAddress, headerText, isEmailAddress, isHostName, domainOf } from "./address";
import type { Mailbox } from "./compose";
import { open, seal } from "./secret-box";
import type { SmtpServer } from "./smtp";
import type { EmailSettingsView } from "../views-email";

/** The settings row key of the e-mail document (loadSettings skips keys starting with "#"). */
export const EMAIL_SETTINGS_KEY = "#email";

/** PUT /api/settings/email. Without `password` the stored one is kept; `""` removes it. */
export const EmailSettingsBody = z.strictObject({
  host: z.string().trim().refine(isHostName, { message: "A host name like smtp.example.com" }),
  port: z.number().int().min(1).max(65535),
  security: z.enum(["starttls", "tls", "none"]),
  username: headerText(254).default(""),
  // AUTH PLAIN separates fields with NUL; line breaks would not survive AUTH LOGIN either.
  password: z
    .string()
    .max(512)
    .refine((v) => !/[\u0000\r\n]/.test(v), { message: "The password may not contain line breaks" })
    .optional(),
  fromName: headerText(100).default(""),
  fromAddress: emailAddress,
});
export type EmailSettingsBody = z.infer<typeof EmailSettingsBody>;

/** What is stored. */
const StoredEmailSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(["starttls", "tls", "none"]),
  username: z.string(),
  sealedPassword: z.string().nullable(),
  fromName: z.string(),
  fromAddress: z.string(),
});
type StoredEmailSettings = z.infer<typeof StoredEmailSettings>;

/** GET /api/settings/email (and the PUT's answer); declared in views-email.ts, which the console reads. */
export type { EmailSettingsView };

const UNSET: EmailSettingsView = {
  host: "",
  port: 587,
  security: "starttls",
  username: "",
  fromName: "",
  fromAddress: "",
  passwordSet: false,
  configured: false,
};

async function loadStored(db: D1Database, accountId: string): Promise<StoredEmailSettings | null> {
  const row = await database(db)
    .select({ data: settings.data })
    .from(settings)
    .where(and(eq(settings.accountId, accountId), eq(settings.departmentId, EMAIL_SETTINGS_KEY)))
    .get();
  if (!row) return null;
  const parsed = StoredEmailSettings.safeParse(row.data);
  if (!parsed.success) console.error("stored e-mail settings do not parse", accountId);
  return parsed.success ? parsed.data : null;
}

/** The settings as the API shows them (defaults when never saved). */
export async function emailSettingsView(db: D1Database, accountId: string): Promise<EmailSettingsView> {
  const stored = await loadStored(db, accountId);
  if (!stored) return UNSET;
  const { sealedPassword, ...rest } = stored;
  return { ...rest, passwordSet: sealedPassword !== null, configured: stored.host !== "" && isEmailAddress(stored.fromAddress) };
}

/** Saves the settings; seals a new password, keeps the stored one when the body has none. */
export async function saveEmailSettings(db: D1Database, secret: string, accountId: string, body: EmailSettingsBody): Promise<EmailSettingsView> {
  const { password, ...rest } = body;
  const previous = password === undefined ? await loadStored(db, accountId) : null;
  const sealedPassword = password === undefined ? (previous?.sealedPassword ?? null) : password === "" ? null : await seal(secret, accountId, password);
  const data: StoredEmailSettings = { ...rest, sealedPassword };
  const updatedAt = Date.now();
  await database(db)
    .insert(settings)
    .values({ accountId, departmentId: EMAIL_SETTINGS_KEY, data, updatedAt })
    .onConflictDoUpdate({ target: [settings.accountId, settings.departmentId], set: { data, updatedAt } });
  return { ...rest, passwordSet: sealedPassword !== null, configured: true };
}

/** What sending needs: the server (password decrypted) and the sender. */
export interface SendingSettings {
  server: SmtpServer;
  from: Mailbox;
}

/**
 * The settings ready for sending, or why not: `not_configured` (never saved) or
 * `undecryptable` (EMAIL_SECRET changed since the password was saved).
 */
export async function sendingSettings(
  db: D1Database,
  secret: string,
  accountId: string,
): Promise<{ ok: true; settings: SendingSettings } | { ok: false; reason: "not_configured" | "undecryptable" }> {
  const stored = await loadStored(db, accountId);
  if (!stored || stored.host === "" || !isEmailAddress(stored.fromAddress)) return { ok: false, reason: "not_configured" };
  let password = "";
  if (stored.sealedPassword !== null) {
    const opened = await open(secret, accountId, stored.sealedPassword);
    if (opened === null) return { ok: false, reason: "undecryptable" };
    password = opened;
  }
  const server: SmtpServer = {
    host: stored.host,
    port: stored.port,
    security: stored.security,
    username: stored.username,
    password,
    clientName: domainOf(stored.fromAddress),
  };
  return { ok: true, settings: { server, from: { address: stored.fromAddress, name: stored.fromName } } };
}
