/**
 * The "Atendentes" panel's data: every attendant who attends a department, from `GET
 * /api/departments/:id/attendants`, with the status the room's live frames say now. The list is
 * read again when the live picture changes (someone's presence, or the department's active
 * chats, which make someone busy or free), one request per department at a time.
 */
import type { WireAttendant } from "../durable-objects/protocol";
import type { DepartmentAttendant, DepartmentAttendantsResponse } from "../worker/views-console";
import { request } from "./api";

/** One row of the panel. */
export type RosterRow = DepartmentAttendant;

/**
 * The roster with the live presence laid over it: offline when the room says so, busy when the
 * last read said busy and the room still says online. Someone the room lists but the roster
 * does not (a supervisor who does not attend) is not an attendant of the department.
 */
export function mergeRoster(roster: readonly DepartmentAttendant[], live: readonly WireAttendant[]): RosterRow[] {
  const now = new Map(live.map((a) => [a.id, a.status]));
  return roster.map((person) => {
    const status = now.get(person.id);
    if (status === undefined) return person;
    if (status === "offline") return { ...person, status: "offline" };
    return { ...person, status: person.status === "busy" ? "busy" : "online" };
  });
}

/**
 * What makes a read stale: the room's presence, the number of active chats in the department,
 * and the changes the room told of attendants not connected to it (`attendant.changed`).
 */
export function rosterSignature(live: readonly WireAttendant[], activeChats: number, rosterChanges: number): string {
  return `${rosterChanges}|${activeChats}|${live.map((a) => `${a.id}:${a.status}`).sort().join(",")}`;
}

/** The rosters of the departments on screen, kept fresh by signature. */
export class RosterCache {
  private readonly rosters = new Map<string, DepartmentAttendant[]>();
  private readonly read = new Map<string, string>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly onChange: () => void) {}

  /** The department's roster as last read, or null before the first read. */
  get(departmentId: string): DepartmentAttendant[] | null {
    return this.rosters.get(departmentId) ?? null;
  }

  /** Reads the department's roster again when `signature` differs from the last read's. */
  want(departmentId: string, signature: string): void {
    if (this.read.get(departmentId) === signature || this.inFlight.has(departmentId)) return;
    this.inFlight.add(departmentId);
    this.read.set(departmentId, signature);
    request<DepartmentAttendantsResponse>("GET", `/api/departments/${encodeURIComponent(departmentId)}/attendants`)
      .then((body) => this.rosters.set(departmentId, body.attendants))
      // A failed read keeps the live list on screen; the next change tries again.
      .catch(() => this.read.delete(departmentId))
      .finally(() => {
        this.inFlight.delete(departmentId);
        this.onChange();
      });
  }
}
