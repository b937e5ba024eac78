/**
 * Each attendant's live state in this room, for the console's "Atendentes" panel: online or
 * offline as the room's presence says, and, for those online who attend the department, their
 * active chats and limit (capacity.ts), so the panel can say "busy" when they are full.
 */
import { candidates, hasRoom } from "./capacity";
import type { RoomStorage } from "./room-storage";

/** One attendant as the room knows them now. */
export interface AttendantLoad {
  id: string;
  status: "online" | "offline" | "busy";
  /** Active chats here (0 for those offline). */
  active: number;
  /** Most chats at once; null: no limit (or not known while offline). */
  limit: number | null;
}

/** Every attendant the room's presence lists, with their load. */
export function attendantLoads(ctx: DurableObjectState, storage: RoomStorage): AttendantLoad[] {
  const loads = new Map(candidates(ctx, storage).map((c) => [c.id, c]));
  return storage.presence().map((a) => {
    const load = loads.get(a.id);
    if (a.status !== "online" || !load) return { id: a.id, status: a.status, active: load?.active ?? 0, limit: load?.limit ?? null };
    return { id: a.id, status: hasRoom(load) ? "online" : "busy", active: load.active, limit: load.limit };
  });
}
