/**
 * Response shapes of issue 12's console endpoints, shared with the console as types only:
 * the session check, the department's attendants with their status, and a chat's visitor details.
 */
import type { MeResponse } from "./views";

/** GET /api/auth/session: the session's attendant and account, or `{ attendant: null }` without a valid session. */
export type SessionResponse = MeResponse | { attendant: null };

/** One attendant of a department, as the console's "Atendentes" panel lists them. */
export interface DepartmentAttendant {
  id: string;
  name: string;
  role: "administrator" | "department_manager" | "attendant";
  /** `busy`: online but holding as many chats as their limit allows. */
  status: "online" | "offline" | "busy";
  activeChats: number;
  /** Most chats at once; null: no limit, or not known while they are offline. */
  limit: number | null;
}

/** GET /api/departments/:id/attendants: every attendant who attends the department, by name. */
export interface DepartmentAttendantsResponse {
  attendants: DepartmentAttendant[];
}

/** One earlier chat of the same customer, for a link to its transcript. */
export interface PreviousChat {
  id: string;
  number: number;
  status: "waiting" | "active" | "closed";
  departmentName: string;
  createdAt: number;
}

/** GET /api/chats/:id/visitor: who is on the other side, as far as the chat's start told. */
export interface ChatVisitorResponse {
  /** Parsed from the User-Agent the chat started with; null when none was recorded. */
  browser: string | null;
  os: string | null;
  device: "mobile" | "tablet" | "desktop" | null;
  userAgent: string | null;
  pageTitle: string | null;
  pageUrl: string | null;
  /** The customer's earlier chats in departments the caller sees: how many, and the latest few. */
  previousChats: { count: number; latest: PreviousChat[] };
}
