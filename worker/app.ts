/**
 * The Worker's routes. Each resource is one file under routes/, mounted here. Errors: one
 * envelope, `{ error: { code, message } }`, produced by `onError`; stack traces stay in logs.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env";
import { ApiError, RetryLater } from "./errors";
import { attendantSocketRoutes } from "./routes/attendant-socket";
import { authRoutes } from "./routes/auth";
import { chatRoutes } from "./routes/chats";
import { consolePageRoutes } from "./routes/console-pages";
import { departmentRoutes } from "./routes/departments";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { offlineMessageRoutes } from "./routes/offline-messages";
import { popupRoutes } from "./routes/popup";
import { reportRoutes } from "./routes/reports";
import { settingsRoutes } from "./routes/settings";
import { widgetRoutes } from "./routes/widget";
import { auditRoutes } from "./routes/audit";
import { customerRoutes } from "./routes/customers";
import { setupRoutes } from "./routes/setup";
import { signupRoutes } from "./routes/signup";
import { signupPageRoutes } from "./routes/signup-page";
import { attendantRoutes } from "./routes/attendants";
import { invitationRoutes } from "./routes/invitations";
import { accountRoutes } from "./routes/account";
import { surfaceRoutes } from "./routes/surfaces";
import { logoRoutes } from "./routes/logos";
import { shiftRoutes } from "./routes/shifts";
import { chatTransferRoutes } from "./routes/chat-transfer";
import { supervisionRoutes } from "./routes/supervision";
import { emailSettingsRoutes } from "./routes/email-settings";
import { outboxRoutes } from "./routes/outbox";
import { offlineThreadRoutes } from "./routes/offline-thread";
import { ticketRoutes } from "./routes/tickets";
import { chatTicketRoutes, offlineTicketRoutes } from "./routes/ticket-conversions";
import { labelRoutes } from "./routes/labels";
import { chatLabelRoutes } from "./routes/chat-labels";
import { kbCategoryRoutes } from "./routes/kb-categories";
import { kbArticleRoutes, kbPreviewRoutes } from "./routes/kb-articles";
import { kbPublicApiRoutes } from "./routes/kb-public-api";
import { kbPageRoutes } from "./routes/kb-pages";
import { customerInvitationRoutes } from "./routes/customer-invitation";
import { panelAuthApiRoutes } from "./routes/panel-auth-api";
import { panelDataApiRoutes } from "./routes/panel-data-api";
import { cannedResponseRoutes } from "./routes/canned-responses";
import { panelPageRoutes } from "./routes/panel-pages";
import { appPageRoutes } from "./routes/app-pages";
import { appApiRoutes } from "./routes/app-api";
import { attachmentRoutes } from "./routes/attachments";
import { attachmentFileRoutes } from "./routes/attachment-files";
import { authSessionRoutes } from "./routes/auth-session";
import { faviconRoutes } from "./routes/favicon";
import { departmentAttendantRoutes } from "./routes/department-attendants";
import { chatVisitorRoutes } from "./routes/chat-visitor";
import { strictInput } from "./strict-input";

export const app = new Hono<AppEnv>();

// Body limit and JSON-only bodies, before any route reads a body (worker/strict-input.ts).
app.use("*", strictInput);

app.route("/api/health", healthRoutes);
app.route("/api/widget", widgetRoutes);
app.route("/api/auth", authRoutes);
app.route("/api/me", meRoutes);
app.route("/api", attendantSocketRoutes);
app.route("/api/departments", departmentRoutes);
app.route("/api/chats", chatRoutes);
app.route("/api/offline-messages", offlineMessageRoutes);
// Before /api/settings, whose attendant middleware would otherwise run a second time.
app.route("/api/settings/email", emailSettingsRoutes);
app.route("/api/settings", settingsRoutes);
app.route("/api/reports", reportRoutes);
app.route("/chat", popupRoutes);
app.route("/admin", consolePageRoutes);
// Before /api/customers, whose attendant middleware would otherwise run a second time.
app.route("/api/customers", customerInvitationRoutes);
app.route("/api/customers", customerRoutes);
app.route("/api/audit", auditRoutes);
app.route("/api/setup", setupRoutes);
app.route("/api/signup", signupRoutes);
app.route("/signup", signupPageRoutes);
app.route("/api/attendants", attendantRoutes);
app.route("/api/invitations", invitationRoutes);
app.route("/api/account/surfaces", surfaceRoutes);
app.route("/api/account", accountRoutes);
app.route("/logos", logoRoutes);
app.route("/api/shifts", shiftRoutes);
app.route("/api/chats", chatTransferRoutes);
app.route("/api/supervision", supervisionRoutes);
app.route("/api/outbox", outboxRoutes);
app.route("/api/offline-messages", offlineThreadRoutes);
app.route("/api/tickets", ticketRoutes);
app.route("/api/offline-messages", offlineTicketRoutes);
app.route("/api/chats", chatTicketRoutes);
app.route("/api/labels", labelRoutes);
app.route("/api/chats", chatLabelRoutes);
// Base de Conhecimento: the console's three resources first, each mounted on its own path so
// their attendant middleware never runs for the public /api/kb/:key/... (public keys are random
// tokens, never "categories", "articles" or "preview").
app.route("/api/kb/categories", kbCategoryRoutes);
app.route("/api/kb/articles", kbArticleRoutes);
app.route("/api/kb/preview", kbPreviewRoutes);
app.route("/api/kb", kbPublicApiRoutes);
app.route("/kb", kbPageRoutes);
// Painel do Cliente: its JSON API (customer sessions, tickets, chats) and its pages.
app.route("/api/p", panelAuthApiRoutes);
app.route("/api/p", panelDataApiRoutes);
app.route("/api/canned-responses", cannedResponseRoutes);
app.route("/p", panelPageRoutes);
app.route("/app", appPageRoutes);
app.route("/api/app", appApiRoutes);
// Attachments: the attendants' uploads and URLs, and the files behind signed URLs.
app.route("/api/chats", attachmentRoutes);
app.route("/attachments", attachmentFileRoutes);
app.route("/api/auth/session", authSessionRoutes);
app.route("/favicon.ico", faviconRoutes);
app.route("/api/departments", departmentAttendantRoutes);
app.route("/api/chats", chatVisitorRoutes);

app.notFound((c) => c.json({ error: { code: "not_found", message: "No such route" } }, 404));

app.onError((error, c) => {
  if (error instanceof ApiError) {
    const body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
    if (error instanceof RetryLater) {
      c.header("Retry-After", String(error.retryAfter));
      return c.json({ error: { ...body, retryAfter: error.retryAfter } }, error.status);
    }
    return c.json({ error: body }, error.status);
  }
  if (error instanceof HTTPException) {
    const code = error.status === 401 ? "unauthenticated" : error.status === 413 ? "too_large" : "bad_request";
    return c.json({ error: { code, message: error.message || "Bad request" } }, error.status);
  }
  console.error("unhandled error", c.req.method, c.req.path, error);
  return c.json({ error: { code: "internal", message: "Something went wrong on our side" } }, 500);
});
