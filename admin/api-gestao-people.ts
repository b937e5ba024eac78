/**
 * The console's client for Gestão's people pages (docs/API.md "Gestão"): Departamentos,
 * Atendentes, invitations and the attendant's own profile. Every call goes through
 * {@link request}, so failures are {@link ApiError}s with the server's `code` and `field`.
 */
import type { PresenceStatus, Role } from "../worker/db/schema";
import type { MeResponse } from "../worker/views";
import type { AttendantNotificationPrefs } from "../worker/notification-prefs";
import type {
  AttendantInvitedResponse,
  AttendantResponse,
  AttendantsResponse,
  DepartmentResponse,
  InvitationInfoResponse,
} from "../worker/views-gestao";
import { request } from "./api";

/** Body of POST /api/departments. */
export interface DepartmentCreate {
  name: string;
  active?: boolean;
  initialMessage?: string;
}

/** Body of PATCH /api/departments/:id (a department manager may send `initialMessage` only). */
export type DepartmentPatch = Partial<DepartmentCreate>;

/** Which of a department's two pop-up chat logos. */
export type LogoVariant = "online" | "offline";

/** Body of POST /api/attendants. */
export interface AttendantCreate {
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  managedDepartmentIds?: string[];
  chatStatusOnLogin?: PresenceStatus;
}

/** Body of PATCH /api/attendants/:id. */
export type AttendantPatch = Partial<Omit<AttendantCreate, "managedDepartmentIds">> & {
  managedDepartmentIds?: string[];
  active?: boolean;
};

/** Query of GET /api/attendants. */
export interface AttendantQuery {
  q?: string;
  page: number;
  limit?: number;
}

/** Body of PATCH /api/me. */
export interface ProfilePatch {
  name?: string;
  notificationPrefs?: AttendantNotificationPrefs;
}

const departmentPath = (id: string) => `/api/departments/${encodeURIComponent(id)}`;
const attendantPath = (id: string) => `/api/attendants/${encodeURIComponent(id)}`;
const invitationPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** The endpoints of Departamentos, Atendentes, invitations and Meu perfil. */
export const peopleApi = {
  departments: () => request<{ departments: DepartmentResponse["department"][] }>("GET", "/api/departments"),
  createDepartment: (body: DepartmentCreate) => request<DepartmentResponse>("POST", "/api/departments", body),
  department: (id: string) => request<DepartmentResponse>("GET", departmentPath(id)),
  patchDepartment: (id: string, body: DepartmentPatch) => request<DepartmentResponse>("PATCH", departmentPath(id), body),
  /** Sends the picked file's bytes as they are; the server checks them by magic bytes. */
  uploadLogo: (id: string, variant: LogoVariant, file: Blob) =>
    request<DepartmentResponse>("PUT", `${departmentPath(id)}/logo/${variant}`, file),
  deleteLogo: (id: string, variant: LogoVariant) => request<DepartmentResponse>("DELETE", `${departmentPath(id)}/logo/${variant}`),

  attendants(query: AttendantQuery): Promise<AttendantsResponse> {
    const params = new URLSearchParams({ page: String(query.page) });
    if (query.q) params.set("q", query.q);
    if (query.limit) params.set("limit", String(query.limit));
    return request<AttendantsResponse>("GET", `/api/attendants?${params}`);
  },
  createAttendant: (body: AttendantCreate) => request<AttendantInvitedResponse>("POST", "/api/attendants", body),
  attendant: (id: string) => request<AttendantResponse>("GET", attendantPath(id)),
  patchAttendant: (id: string, body: AttendantPatch) => request<AttendantResponse>("PATCH", attendantPath(id), body),
  /** A new link; the previous one stops working. */
  resendInvitation: (id: string) => request<AttendantInvitedResponse>("POST", `${attendantPath(id)}/invitation`),
  revokeInvitation: (id: string) => request<void>("DELETE", `${attendantPath(id)}/invitation`),

  invitation: (token: string) => request<InvitationInfoResponse>("GET", invitationPath(token)),
  /** Sets the password, uses the invitation and opens a session (the `sid` cookie). */
  acceptInvitation: (token: string, password: string) => request<MeResponse>("POST", invitationPath(token), { password }),

  updateProfile: (body: ProfilePatch) => request<MeResponse>("PATCH", "/api/me", body),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>("PUT", "/api/me/password", { currentPassword, newPassword }),
};
