/**
 * E-mail test helpers for the Workers pool: the mail lab's real SMTP servers (test/node/mail-lab.ts,
 * driven over loopback HTTP), the account's e-mail settings, and the account's outbox object
 * (rows made due at once, its alarm run on demand).
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject, vi } from "vitest";
import { outboxOf } from "../../worker/email/send";
import type { OutboxEntryView } from "../../worker/views-email";
import { api, json } from "./helpers";

declare module "vitest" {
  export interface ProvidedContext {
    mailLab: string;
  }
}

/** What the lab's server received, parsed by mailparser. */
export interface Received {
  envelope: { from: string; to: string[] };
  from: string;
  fromName: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  headerNames: string[];
  raw: string;
}

async function lab<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject("mailLab")}${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** A real SMTP server of the lab. */
export class LabServer {
  private constructor(
    readonly id: string,
    readonly port: number,
  ) {}

  static async start(options: { user?: string; pass?: string; authMethods?: string[]; starttls?: boolean } = {}): Promise<LabServer> {
    const { id, port } = await lab<{ id: string; port: number }>("/servers", options);
    return new LabServer(id, port);
  }

  mode(mode: "ok" | "tempfail" | "drop" | "reject") {
    return lab(`/servers/${this.id}/mode`, { mode });
  }
  down() {
    return lab(`/servers/${this.id}/stop`, {});
  }
  up() {
    return lab(`/servers/${this.id}/start`, {});
  }
  credentials(user: string, pass: string) {
    return lab(`/servers/${this.id}/auth`, { user, pass });
  }
  messages(): Promise<Received[]> {
    return lab<Received[]>(`/servers/${this.id}/messages`);
  }
  stats(): Promise<{ connections: number; drops: number }> {
    return lab(`/servers/${this.id}/stats`);
  }
}

/** A port where a server accepts connections and never answers. */
export async function silentPort(): Promise<number> {
  return (await lab<{ port: number }>("/silent", {})).port;
}

/** Saves the account's e-mail settings as its administrator. */
export async function configureEmail(cookie: string, server: { port: number }, extra: Record<string, unknown> = {}) {
  const res = await api("/api/settings/email", {
    method: "PUT",
    cookie,
    body: { host: "127.0.0.1", port: server.port, security: "none", username: "", fromName: "Acme Suporte", fromAddress: "suporte@acme.test", ...extra },
  });
  expect(res.status).toBe(200);
  return json(res);
}

/** The account's outbox rows, as the object stores them. */
export function outboxRow(accountId: string, id: string): Promise<OutboxEntryView | null> {
  return outboxOf(env, accountId).get(id);
}

/** Waits until the row reaches a status other than queued-and-untried / sending. */
export async function waitForRow(accountId: string, id: string, done: (row: OutboxEntryView) => boolean): Promise<OutboxEntryView> {
  return vi.waitFor(
    async () => {
      const row = await outboxRow(accountId, id);
      if (!row || !done(row)) throw new Error(`row is ${JSON.stringify(row)}`);
      return row;
    },
    { timeout: 10_000, interval: 50 },
  );
}

/**
 * Makes every queued row of the account due now and runs the outbox's alarm (armed at the next
 * retry) at once; answers when that run has finished.
 */
export async function retryNow(accountId: string): Promise<boolean> {
  const stub = outboxOf(env, accountId);
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'queued'");
  });
  return runDurableObjectAlarm(stub);
}
