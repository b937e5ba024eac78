/**
 * The Atendentes form's logic, without the DOM: the roles and departments the signed-in
 * attendant may give, the draft a form edits, the request bodies it sends, the checks made
 * before sending and the invitation's label. The server checks again.
 */
import type { PresenceStatus, Role } from "../worker/db/schema";
import type { Me } from "../worker/views";
import type { AttendantView, DepartmentView, InvitationState } from "../worker/views-gestao";
import type { AttendantCreate, AttendantPatch } from "./api-gestao-people";
import type { MessageKey } from "./i18n";
import { BOUNDS, parseWhole } from "./policies-form";

/** Every role, most rights first (a copy of the schema's list: the console imports no runtime code from worker/). */
export const ALL_ROLES: readonly Role[] = ["administrator", "department_manager", "attendant"];
export const ATTENDANT_NAME_MAX = 80;

/** The fields of the attendant form, as typed. */
export interface AttendantDraft {
  name: string;
  email: string;
  role: Role;
  /** Every department they attend, including ones this form does not offer (kept as they are). */
  departmentIds: string[];
  managedDepartmentIds: string[];
  chatStatusOnLogin: PresenceStatus;
  active: boolean;
  /** The shift they are linked to (GET /api/shifts), or null: no hour limit. */
  shiftId: string | null;
  /** Their most simultaneous chats as typed; empty: the account's default. */
  maxChats: string;
  /** May write the Base de Conhecimento (administrators always may; only administrators change it). */
  kbEditor: boolean;
}

/** An attendant as GET /api/attendants answers (with the shift link). */
export type AttendantWithShift = AttendantView;

/** Body of PATCH /api/attendants/:id with the shift link. */
export type AttendantShiftPatch = AttendantPatch & { shiftId?: string | null; maxChats?: number | null; kbEditor?: boolean };

export type AttendantField = keyof AttendantDraft;
export type AttendantErrors = Partial<Record<AttendantField, MessageKey>>;

/** The roles `me` may give: administrators any; a department manager anyone but an administrator. */
export function roleOptions(role: Me["role"]): Role[] {
  if (role === "administrator") return [...ALL_ROLES];
  return role === "department_manager" ? ["department_manager", "attendant"] : [];
}

/** Whether `me` may change this attendant (a department manager does not touch administrators). */
export function canEditAttendant(me: Pick<Me, "role">, attendant: Pick<AttendantView, "role">): boolean {
  if (me.role === "administrator") return true;
  return me.role === "department_manager" && attendant.role !== "administrator";
}

/** The departments `me` may put people in: all for administrators, the managed ones for a manager. */
export function assignableDepartments(me: Pick<Me, "role" | "departments">, departments: readonly DepartmentView[]): DepartmentView[] {
  if (me.role === "administrator") return [...departments];
  const managed = new Set(me.departments.filter((d) => d.supervises).map((d) => d.id));
  return departments.filter((d) => managed.has(d.id));
}

/** The draft for an attendant, or an empty one (role attendant, offline on login) for a new one. */
export function attendantDraft(attendant?: AttendantWithShift): AttendantDraft {
  if (!attendant) {
    return { name: "", email: "", role: "attendant", departmentIds: [], managedDepartmentIds: [], chatStatusOnLogin: "offline", active: true, shiftId: null, maxChats: "", kbEditor: false };
  }
  return {
    name: attendant.name,
    email: attendant.email,
    role: attendant.role,
    departmentIds: [...attendant.departmentIds],
    managedDepartmentIds: [...attendant.managedDepartmentIds],
    chatStatusOnLogin: attendant.chatStatusOnLogin,
    active: attendant.active,
    shiftId: attendant.shiftId ?? null,
    maxChats: attendant.maxChats?.toString() ?? "",
    kbEditor: attendant.kbEditor ?? false,
  };
}

/** Adds or removes one id, keeping the others (and their order). */
export function toggleId(ids: readonly string[], id: string, on: boolean): string[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problems the server would refuse, found before sending. */
export function checkAttendant(draft: AttendantDraft): AttendantErrors {
  const errors: AttendantErrors = {};
  const name = draft.name.trim();
  if (name === "" || name.length > ATTENDANT_NAME_MAX) errors.name = "people.error.name";
  if (!EMAIL.test(draft.email.trim())) errors.email = "people.error.email";
  if (parseWhole(draft.maxChats, BOUNDS.maxChatsPerAttendant) === undefined) errors.maxChats = "policies.error.attMaxChats";
  return errors;
}

/** Managed departments only mean something for a department manager. */
function managedFor(draft: AttendantDraft): string[] {
  return draft.role === "department_manager" ? draft.managedDepartmentIds : [];
}

/** Body of POST /api/attendants. */
export function attendantCreateBody(draft: AttendantDraft): AttendantCreate {
  const body: AttendantCreate = {
    name: draft.name.trim(),
    email: draft.email.trim(),
    role: draft.role,
    departmentIds: [...draft.departmentIds],
    chatStatusOnLogin: draft.chatStatusOnLogin,
  };
  if (draft.role === "department_manager") body.managedDepartmentIds = [...draft.managedDepartmentIds];
  return body;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/**
 * Body of PATCH /api/attendants/:id: only what changed (a role or department change closes
 * their console sockets, so nothing is sent for nothing). A role that is no longer department
 * manager clears the managed departments.
 */
export function attendantPatchBody(original: AttendantWithShift, draft: AttendantDraft): AttendantShiftPatch {
  const body: AttendantShiftPatch = {};
  const name = draft.name.trim();
  const email = draft.email.trim();
  if (name !== original.name) body.name = name;
  if (email !== original.email) body.email = email;
  if (draft.role !== original.role) body.role = draft.role;
  if (!sameIds(draft.departmentIds, original.departmentIds)) body.departmentIds = [...draft.departmentIds];
  const managed = managedFor(draft);
  if (!sameIds(managed, original.managedDepartmentIds)) body.managedDepartmentIds = [...managed];
  if (draft.chatStatusOnLogin !== original.chatStatusOnLogin) body.chatStatusOnLogin = draft.chatStatusOnLogin;
  if (draft.active !== original.active) body.active = draft.active;
  if (draft.shiftId !== (original.shiftId ?? null)) body.shiftId = draft.shiftId;
  const maxChats = parseWhole(draft.maxChats, BOUNDS.maxChatsPerAttendant);
  if (maxChats !== undefined && maxChats !== (original.maxChats ?? null)) body.maxChats = maxChats;
  if (draft.kbEditor !== (original.kbEditor ?? false)) body.kbEditor = draft.kbEditor;
  return body;
}

/** Whether saving this draft deactivates the attendant (asked for confirmation first). */
export function deactivatesAttendant(original: AttendantView | null, draft: AttendantDraft): boolean {
  return original !== null && original.active && !draft.active;
}

/**
 * The invitation's state as the list shows it: pending until it expires (also when the list
 * was loaded before the expiry), expired after, nothing once a password was chosen.
 */
export function invitationStatus(invitation: InvitationState | null, now: number): "pending" | "expired" | null {
  if (!invitation) return null;
  return invitation.status === "expired" || invitation.expiresAt <= now ? "expired" : "pending";
}

/** The label key of an invitation state, or null when there is nothing to show. */
export function invitationLabel(invitation: InvitationState | null, now: number): MessageKey | null {
  const status = invitationStatus(invitation, now);
  if (status === "pending") return "att.invitationPending";
  return status === "expired" ? "att.invitationExpired" : null;
}
