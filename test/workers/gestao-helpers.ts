/**
 * Helpers for the Gestão attendant suites: audit entries, attendant rows and invitation
 * tokens read straight from D1.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { AttendantInvitedResponse } from "../../worker/views-gestao";
import { api, json } from "./helpers";

export interface AuditRow {
  action: string;
  actor_id: string | null;
  actor_name: string;
  target_id: string | null;
  detail: string | null;
  ip: string | null;
}

/** The audit entries of an account with `action`, oldest first. */
export async function audits(accountId: string, action: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT action, actor_id, actor_name, target_id, detail, ip FROM audit_log WHERE account_id = ? AND action = ? ORDER BY created_at, rowid",
  )
    .bind(accountId, action)
    .all<AuditRow>();
  return results;
}

/** Every audit entry of an account. */
export async function auditCount(accountId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?").bind(accountId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** An attendant's row as D1 holds it. */
export function attendantRow(id: string) {
  return env.DB.prepare("SELECT name, email, role, active, chat_status, password_hash, notification_prefs FROM attendants WHERE id = ?")
    .bind(id)
    .first<{ name: string; email: string; role: string; active: number; chat_status: string; password_hash: string; notification_prefs: string }>();
}

/** An attendant's department links as D1 holds them, by department id. */
export async function linkRows(attendantId: string) {
  const { results } = await env.DB.prepare(
    "SELECT department_id, attends, manages FROM attendant_departments WHERE attendant_id = ? ORDER BY department_id",
  )
    .bind(attendantId)
    .all<{ department_id: string; attends: number; manages: number }>();
  return results;
}

/** The token of an invitation link. */
export function tokenOf(url: string): string {
  const token = /\/admin\/invite\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

/** Creates an attendant as `cookie` and returns the answer (asserts 201). */
export async function invite(
  cookie: string,
  body: { name?: string; email?: string; role?: string; departmentIds: string[]; managedDepartmentIds?: string[]; chatStatusOnLogin?: string },
): Promise<AttendantInvitedResponse> {
  const res = await api("/api/attendants", {
    cookie,
    body: { name: "Nova Pessoa", email: `nova.${crypto.randomUUID()}@example.com`, role: "attendant", ...body },
  });
  if (res.status !== 201) throw new Error(`create attendant: ${res.status} ${await res.text()}`);
  return json<AttendantInvitedResponse>(res);
}

/** Accepts an invitation with `password`; returns the session cookie. */
export async function acceptInvitation(token: string, password = "a brand new password"): Promise<string> {
  const res = await api(`/api/invitations/${token}`, { body: { password } });
  expect(res.status).toBe(200);
  const value = /sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  expect(value).toBeTruthy();
  return `sid=${value}`;
}
