/**
 * The audit log's action names, in a module of their own without imports: the console reads the
 * type (`import type` through views-gestao.ts) without type-checking the Worker's runtime code.
 */
/** Every action the log knows, by resource. Documented in docs/API.md (Auditoria). */
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
