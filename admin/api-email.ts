/**
 * The console's client for Configurações de E-mail (docs/API.md "E-mail", administrators): the
 * SMTP settings, the test e-mail and the outbox. Same `request()` as every other call, so
 * failures are {@link ApiError}s carrying the server's `code` and `field`.
 */
import type { EmailSettingsView, EmailTestResponse, OutboxEntryResponse, OutboxListResponse, OutboxStatus } from "../worker/views-email";
import { request } from "./api";

/** Body of PUT /api/settings/email. Without `password` the stored one is kept; `""` removes it. */
export interface EmailSettingsBody {
  host: string;
  port: number;
  security: EmailSettingsView["security"];
  username: string;
  password?: string;
  fromName: string;
  fromAddress: string;
}

export const emailApi = {
  settings: () => request<EmailSettingsView>("GET", "/api/settings/email"),
  saveSettings: (body: EmailSettingsBody) => request<EmailSettingsView>("PUT", "/api/settings/email", body),
  /** Sent directly: the answer is the SMTP server's (a failure is a 200 with `sent: false`). */
  sendTest: (to?: string) => request<EmailTestResponse>("POST", "/api/settings/email/test", to ? { to } : {}),
  outbox(status: OutboxStatus | undefined, page: number, limit = 20): Promise<OutboxListResponse> {
    const params = new URLSearchParams({ page: String(page), limit: String(limit) });
    if (status) params.set("status", status);
    return request<OutboxListResponse>("GET", `/api/outbox?${params}`);
  },
  resend: (id: string) => request<OutboxEntryResponse>("POST", `/api/outbox/${encodeURIComponent(id)}/resend`, {}),
};
