/**
 * The settings documents' API with optimistic concurrency (worker/settings/versioned.ts): every
 * PUT carries `If-Match` with the ETag of the document as this console last read or saved it,
 * so a save over someone else's newer change is refused (412 `precondition_failed`) instead of
 * overwriting it; the page then asks the person to reload.
 */
import { ApiError } from "./api";
import type { AccountSettings, DepartmentSettings, SettingsResponse } from "../worker/views";

/** The last known ETag per document: "" for the account's, else the department's id. */
const etags = new Map<string, string>();

async function call<T>(method: string, path: string, body: unknown, key: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const etag = key === null ? undefined : etags.get(key);
  if (etag) headers["if-match"] = etag;
  let response: Response;
  try {
    response = await fetch(path, { method, credentials: "same-origin", headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", "network error");
  }
  const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; field?: string } } | undefined;
  if (!response.ok) {
    const error = data?.error;
    if (typeof error?.code === "string") throw new ApiError(response.status, error.code, error.message ?? "", error.field);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
  const saved = response.headers.get("etag");
  if (key !== null && saved) etags.set(key, saved);
  return data as T;
}

/** GET /api/settings; remembers every document's ETag. */
export async function loadSettings(): Promise<SettingsResponse> {
  const answer = await call<SettingsResponse>("GET", "/api/settings", undefined, null);
  if (answer.etags) {
    etags.set("", answer.etags.account);
    for (const [id, tag] of Object.entries(answer.etags.departments)) etags.set(id, tag);
  }
  return answer;
}

/** PUT /api/settings with the account document's last known ETag. */
export function putAccountSettings(doc: AccountSettings): Promise<AccountSettings> {
  return call<AccountSettings>("PUT", "/api/settings", doc, "");
}

/** PUT /api/settings/departments/:id with that document's last known ETag. */
export function putDepartmentSettings(departmentId: string, doc: DepartmentSettings): Promise<DepartmentSettings> {
  return call<DepartmentSettings>("PUT", `/api/settings/departments/${encodeURIComponent(departmentId)}`, doc, departmentId);
}
