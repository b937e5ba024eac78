/**
 * The actions of the audit log (Auditoria), without runtime imports: `worker/audit.ts` writes
 * them, and the console imports the type (through `worker/views-gestao.ts`) for its filter and
 * labels without pulling in the Worker's bindings. Documented in docs/API.md (Auditoria).
 */

/** Every action the log knows, by resource. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "account.signup",
  "account.updated",
  "account.public_key_regenerated",
  "account.secret_regenerated",
  "department.created",
  "department.updated",
  "department.logo_changed",
  "attendant.created",
  "attendant.updated",
  "attendant.deactivated",
  "attendant.reactivated",
  "attendant.invitation_sent",
  "attendant.invitation_revoked",
  "attendant.invitation_accepted",
  "attendant.profile_updated",
  "attendant.password_changed",
  "customer.updated",
  "customer.deleted",
  "chat.closed_remotely",
  "retention.purged",
  "shift.created",
  "shift.updated",
  "shift.deleted",
  "chat.transferred",
  "offline_message.answered",
  "ticket.created",
  "ticket.updated",
  "label.created",
  "label.updated",
  "label.deleted",
  "account.surfaces_updated",
  "customer.invited",
  "kb.category_created",
  "kb.category_updated",
  "kb.category_deleted",
  "kb.article_created",
  "kb.article_updated",
  "kb.article_deleted",
  "canned_response.created",
  "canned_response.updated",
  "canned_response.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
