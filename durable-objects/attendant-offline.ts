/**
 * Setting an attendant offline everywhere, on the server's own initiative (their shift ended,
 * their sockets stayed away past the grace period): D1 first (the source of their status for
 * new sockets and the console's /api/me), then this room and every other room of theirs, and
 * each room tells the attendant's own sockets with `attendant.status` and the reason. Their
 * chats are left as they are.
 */
import { and, eq } from "drizzle-orm";
import { visibleDepartments } from "../worker/access";
import { database } from "../worker/db/client";
import { attendants } from "../worker/db/schema";
import type { Env } from "../worker/env";
import { statusWrite, type StatusChange } from "../worker/presence";
import type { RoomMeta } from "./room-storage";
import type { Timers } from "./timers";

/** Why the server set the attendant offline (the `reason` of the `attendant.status` frame). */
export type OfflineReason = "shift_ended" | "grace_expired";

/** The attendant as the rooms name them. */
export interface AttendantRef {
  id: string;
  name: string;
}

/** What setting an attendant offline (and the timers that decide it) need of the room. */
export interface AttendantTimersRoom {
  env: Env;
  state: DurableObjectState;
  timers: Timers;
  meta: RoomMeta | null;
  /** Sets the attendant offline here, announces it and tells their sockets (the room's own setAttendantStatus). */
  setOffline(attendant: AttendantRef, change: StatusChange, reason: OfflineReason): Promise<void>;
  /** Another department's room of the same account. */
  room(departmentId: string): {
    setAttendantStatus(a: AttendantRef, change: StatusChange, reason: OfflineReason): Promise<unknown>;
  };
}

/**
 * Offline in D1 and in every room of the attendant. Answers false (and changes nothing) when the
 * attendant is not the account's, or with `onlyIfOnline` when D1 already says offline.
 */
export async function setOfflineEverywhere(
  room: AttendantTimersRoom,
  attendantId: string,
  reason: OfflineReason,
  options: { onlyIfOnline?: boolean } = {},
): Promise<boolean> {
  const meta = room.meta;
  if (!meta) return false;
  const db = database(room.env.DB);
  const where = and(eq(attendants.id, attendantId), eq(attendants.accountId, meta.accountId));
  const row = await db
    .select({ id: attendants.id, name: attendants.name, role: attendants.role, chatStatus: attendants.chatStatus })
    .from(attendants)
    .where(where)
    .get();
  if (!row || (options.onlyIfOnline && row.chatStatus !== "online")) return false;
  const written = await db.update(attendants).set(statusWrite("offline")).where(where).returning({ version: attendants.chatStatusVersion }).get();
  if (!written) return false;
  const change: StatusChange = { status: "offline", version: written.version };
  const who = { id: row.id, name: row.name };
  await room.setOffline(who, change, reason);
  const others = (await visibleDepartments(room.env.DB, { ...row, accountId: meta.accountId })).filter((d) => d.id !== meta.departmentId);
  await Promise.all(others.map((d) => room.room(d.id).setAttendantStatus(who, change, reason)));
  return true;
}
