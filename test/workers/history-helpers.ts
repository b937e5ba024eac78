/**
 * History rows written straight into D1 (the list reads only D1): chats with their customer,
 * messages (the FTS triggers index them) and labels, so a search test controls every column.
 */
import { env } from "cloudflare:workers";
import type { HistoryResponse } from "../../worker/views-history";
import { api, json, type TestAccount } from "./helpers";

export interface SeedChat {
  departmentId: string;
  number: number;
  status?: "waiting" | "active" | "closed";
  customer?: { name: string; email: string };
  attendantId?: string | null;
  createdAt?: number;
  messages?: string[];
  labelIds?: string[];
}

let numberBase = 0;

/** Inserts one chat (and its customer, messages and labels); returns its id. */
export async function seedChat(account: TestAccount, chat: SeedChat): Promise<string> {
  const id = crypto.randomUUID();
  const customerId = crypto.randomUUID();
  const createdAt = chat.createdAt ?? Date.now() - 60_000 + chat.number;
  const customer = chat.customer ?? { name: `Cliente ${chat.number}`, email: `c${chat.number}@example.com` };
  const status = chat.status ?? "closed";
  const statements = [
    env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(
      customerId,
      account.id,
      customer.name,
      customer.email,
      createdAt,
      createdAt,
    ),
    env.DB.prepare(
      "INSERT INTO chats (id, account_id, number, department_id, customer_id, attendant_id, status, origin, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'widget', ?, ?)",
    ).bind(id, account.id, chat.number, chat.departmentId, customerId, chat.attendantId ?? null, status, createdAt, status === "closed" ? createdAt + 1000 : null),
    ...(chat.messages ?? []).map((body, i) =>
      env.DB.prepare(
        "INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, created_at) VALUES (?, ?, ?, ?, 'customer', ?, ?, ?)",
      ).bind(crypto.randomUUID(), account.id, id, i + 1, customer.name, body, createdAt + i),
    ),
    ...(chat.labelIds ?? []).map((labelId) =>
      env.DB.prepare("INSERT INTO chat_labels (account_id, chat_id, label_id, applied_by, created_at) VALUES (?, ?, ?, 'attendant', ?)").bind(
        account.id,
        id,
        labelId,
        createdAt,
      ),
    ),
  ];
  await env.DB.batch(statements);
  return id;
}

/** Inserts a label; returns its id. */
export async function seedLabel(account: TestAccount, name: string, color = "#1d4ed8"): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare("INSERT INTO labels (id, account_id, name, name_key, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, account.id, name, `${name.toLowerCase()}-${++numberBase}`, color, now, now)
    .run();
  return id;
}

/** GET /api/chats with `query`; asserts 200 and returns the body. */
export async function searchAs(cookie: string, query: string): Promise<HistoryResponse> {
  const res = await api(`/api/chats${query}`, { cookie });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return json<HistoryResponse>(res);
}

/** The protocol numbers of a search's page, in order. */
export async function numbersOf(cookie: string, query: string): Promise<number[]> {
  return (await searchAs(cookie, query)).chats.map((c) => c.number);
}
