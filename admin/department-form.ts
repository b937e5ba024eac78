/**
 * The Departamentos form's logic, without the DOM: who may change what, the draft a form edits,
 * the request bodies it sends and the checks made before sending. The server checks again;
 * this only keeps the console from offering what would be refused.
 */
import type { Me } from "../worker/views";
import type { DepartmentView } from "../worker/views-gestao";
import type { DepartmentCreate, DepartmentPatch, LogoVariant } from "./api-gestao-people";
import type { MessageKey } from "./i18n";

export const DEPARTMENT_NAME_MAX = 80;
export const INITIAL_MESSAGE_MAX = 1000;
/** What PUT /api/departments/:id/logo/:variant accepts (SVG is refused: it can carry script). */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_VARIANTS: readonly LogoVariant[] = ["online", "offline"];

/**
 * What the signed-in attendant may change in a department: `all` (administrators), `message`
 * (the initial message and the logos: a manager of that department), `none` (read only).
 */
export type DepartmentScope = "all" | "message" | "none";

export function departmentScope(me: Pick<Me, "role" | "departments">, departmentId: string): DepartmentScope {
  if (me.role === "administrator") return "all";
  const supervised = me.departments.some((d) => d.id === departmentId && d.supervises);
  return me.role === "department_manager" && supervised ? "message" : "none";
}

/** Only administrators create departments. */
export function canCreateDepartment(role: Me["role"]): boolean {
  return role === "administrator";
}

/** The fields of the department form, as typed. */
export interface DepartmentDraft {
  name: string;
  initialMessage: string;
  active: boolean;
}

export type DepartmentField = keyof DepartmentDraft;
export type DepartmentErrors = Partial<Record<DepartmentField, MessageKey>>;

/** The draft for a department, or an empty active one for "Novo departamento". */
export function departmentDraft(department?: DepartmentView): DepartmentDraft {
  if (!department) return { name: "", initialMessage: "", active: true };
  return { name: department.name, initialMessage: department.initialMessage, active: department.active };
}

/** The problems the server would refuse, found before sending (only the fields in `scope`). */
export function checkDepartment(draft: DepartmentDraft, scope: DepartmentScope = "all"): DepartmentErrors {
  const errors: DepartmentErrors = {};
  const name = draft.name.trim();
  if (scope === "all" && (name === "" || name.length > DEPARTMENT_NAME_MAX)) errors.name = "dept.error.name";
  if (draft.initialMessage.trim().length > INITIAL_MESSAGE_MAX) errors.initialMessage = "dept.error.initialMessage";
  return errors;
}

/** Body of POST /api/departments. */
export function departmentCreateBody(draft: DepartmentDraft): DepartmentCreate {
  return { name: draft.name.trim(), active: draft.active, initialMessage: draft.initialMessage.trim() };
}

/**
 * Body of PATCH /api/departments/:id: only what changed (each change is an audit entry), and
 * for a department manager only the initial message.
 */
export function departmentPatchBody(original: DepartmentView, draft: DepartmentDraft, scope: DepartmentScope): DepartmentPatch {
  const body: DepartmentPatch = {};
  const initialMessage = draft.initialMessage.trim();
  if (scope !== "none" && initialMessage !== original.initialMessage) body.initialMessage = initialMessage;
  if (scope !== "all") return body;
  const name = draft.name.trim();
  if (name !== original.name) body.name = name;
  if (draft.active !== original.active) body.active = draft.active;
  return body;
}

/** Whether saving this draft deactivates the department (asked for confirmation first). */
export function deactivates(original: DepartmentView | null, draft: DepartmentDraft): boolean {
  return original !== null && original.active && !draft.active;
}

/** The problem with a picked logo file before it is sent, or null. */
export function logoProblem(file: { type: string; size: number }): MessageKey | null {
  if (!LOGO_TYPES.some((type) => type === file.type)) return "people.error.unsupportedImage";
  if (file.size > LOGO_MAX_BYTES) return "people.error.tooLarge";
  return null;
}

/** A short excerpt of the initial message for the list (one line, at most `max` characters). */
export function excerpt(text: string, max = 90): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
