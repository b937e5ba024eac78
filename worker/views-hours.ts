/**
 * Shapes of the Horários de Atendimento API's answers (docs/API.md "Horários de Atendimento and
 * attendance"). Imported with `import type` by the console.
 */
import type { ShiftException, ShiftInterval } from "./db/schema";

/** A shift as the API shows it: `scope` is "account" (a general shift) or a department id. */
export interface ShiftView {
  id: string;
  name: string;
  scope: string;
  intervals: ShiftInterval[];
  exceptions: ShiftException[];
  createdAt: number;
  updatedAt: number;
}

export interface ShiftResponse {
  shift: ShiftView;
}

/** Whether a department is inside its hours now, and when that changes (epoch ms, or null: never). */
export interface HoursNow {
  open: boolean;
  changesAt: number | null;
}

/** GET /api/shifts. */
export interface ShiftsResponse {
  shifts: ShiftView[];
  timeZone: string;
  now: Record<string, HoursNow>;
}

/** PUT /api/me/status refused outside the attendant's shift. */
export interface OutsideShiftError {
  error: { code: "outside_shift"; message: string; opensAt: number | null };
}

/** `POST /api/chats/:id/transfer`: the chat as it is now (its new department and/or attendant). */
export interface ChatTransferResponse {
  chat: import("../durable-objects/protocol").WireChat;
}

/** `GET /api/chats/:id/transfer-targets`: the active departments and who is online in each now. */
export interface TransferTargetsResponse {
  departments: { id: string; name: string; attendants: { id: string; name: string }[] }[];
}

/** One waiting or active chat in the supervision read (GET /api/supervision). */
export interface SupervisedChat {
  id: string;
  number: number;
  departmentId: string;
  departmentName: string;
  status: "waiting" | "active";
  customer: { id: string; name: string; email: string };
  /** Who has it; null while it waits in the queue. */
  attendant: { id: string; name: string } | null;
  createdAt: number;
  acceptedAt: number | null;
  /** Since when it is in its status: `acceptedAt` when active, `createdAt` when waiting (epoch ms). */
  since: number;
}

/** GET /api/supervision: the departments the caller supervises and their open chats, live from the rooms. */
export interface SupervisionResponse {
  departments: { id: string; name: string }[];
  chats: SupervisedChat[];
  /** The server's clock when it read the rooms (epoch ms), to count durations from. */
  now: number;
}
