/**
 * Helpers shared by the Gestão department suites (departments and logos): audit entries as
 * objects, one department as its attendant reads it, and logo uploads.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { DepartmentResponse, DepartmentView } from "../../worker/views-gestao";
import { api, json, ORIGIN } from "./helpers";

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG-signed body of `size` bytes (only the signature matters to the server). */
export function png(size = 64, fill = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(PNG_HEADER);
  return bytes;
}

/** PUT a raw logo body as `cookie`'s attendant. */
export function putLogo(cookie: string, departmentId: string, variant: string, body: Uint8Array<ArrayBuffer> | string, type = "image/png") {
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/departments/${departmentId}/logo/${variant}`, { method: "PUT", body, headers: { cookie, "content-type": type } }),
  );
}

/** SHA-256 of the bytes in hex, as the server names logo files. */
export async function hex(bytes: Uint8Array<ArrayBuffer>) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The account's audit entries of `action`, oldest first, with `detail` parsed. */
export async function audit(accountId: string, action: string) {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE account_id = ? AND action = ? ORDER BY created_at").bind(accountId, action).all<{
    actor_id: string | null;
    actor_name: string;
    target_id: string | null;
    detail: string | null;
  }>();
  return results.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}

/** A department as `cookie`'s attendant reads it (asserts 200). */
export async function department(cookie: string, id: string): Promise<DepartmentView> {
  const res = await api(`/api/departments/${id}`, { cookie });
  expect(res.status).toBe(200);
  return (await json<DepartmentResponse>(res)).department;
}

