/**
 * Helpers for the Painel do Cliente's Workers tests: an account whose e-mail goes to a lab SMTP
 * server, customers with a panel login written straight to D1, the `csid` cookie of an answer,
 * and the links the panel e-mails.
 */
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { api, createAccount, json, login, PASSWORD, type TestAccount } from "./helpers";
import { configureEmail, LabServer, type Received } from "./mail-helpers";

export interface PanelAccount {
  account: TestAccount;
  admin: string;
  server: LabServer;
}

/** An account with outbound e-mail to a fresh lab server, and its administrator's cookie. */
export async function panelAccount(label: string): Promise<PanelAccount> {
  const account = await createAccount(label);
  const admin = await login(account.attendants.admin.email);
  const server = await LabServer.start();
  await configureEmail(admin, server);
  return { account, admin, server };
}

let hash: Promise<string> | null = null;

/** A verified customer of the account with a panel password (PASSWORD). */
export async function customerWithLogin(account: TestAccount, name = "Paula Cliente") {
  hash ??= hashPassword(PASSWORD);
  const id = crypto.randomUUID();
  const email = `paula.${id}@example.com`;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO customers (id, account_id, name, email, verified_email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)").bind(id, account.id, name, email, email, now, now),
    env.DB.prepare("INSERT INTO customer_credentials (customer_id, account_id, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").bind(id, account.id, await hash, now, now),
  ]);
  return { id, name, email };
}

/** A customer as the widget's form leaves one: an e-mail nobody verified, no login. */
export async function plainCustomer(account: TestAccount, name = "Carla Convidada") {
  const id = crypto.randomUUID();
  const email = `carla.${id}@example.com`;
  const now = Date.now();
  await env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(id, account.id, name, email, now, now).run();
  return { id, name, email };
}

/** The `csid` cookie an answer set, as a request header value. */
export function csidOf(res: Response): string {
  const value = /csid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  expect(value).toBeTruthy();
  return `csid=${value}`;
}

/** Logs the customer in under `key` and returns the cookie. */
export async function panelLogin(key: string, email: string, password = PASSWORD): Promise<string> {
  const res = await api(`/api/p/${key}/login`, { body: { email, password } });
  expect(res.status).toBe(200);
  return csidOf(res);
}

/** Waits for the e-mail to `to` whose subject contains `subject`. */
export async function mailTo(server: LabServer, to: string, subject: string): Promise<Received> {
  return vi.waitFor(
    async () => {
      const found = (await server.messages()).find((m) => m.to.includes(to) && m.subject.includes(subject));
      if (!found) throw new Error(`no e-mail "${subject}" to ${to} yet`);
      return found;
    },
    { timeout: 10_000, interval: 100 },
  );
}

/** The token of the first `/p/<key>/<kind>/<token>` link in the e-mail. */
export function linkToken(mail: Received, kind: "confirm" | "invite" | "reset"): string {
  const token = new RegExp(`/p/[^/\\s]+/${kind}/([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

/** A ticket of the customer opened through the panel. */
export async function openPanelTicket(key: string, cookie: string, body: Record<string, unknown> = {}) {
  const res = await api(`/api/p/${key}/tickets`, { cookie, body: { subject: "Meu pedido não chegou", message: "Comprei semana passada.", ...body } });
  expect(res.status).toBe(201);
  return (await json<{ ticket: { id: string; number: number; subject: string } }>(res)).ticket;
}
