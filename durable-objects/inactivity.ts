/**
 * The inactivity close (`policies.inactivityCloseMinutes`, off when absent): an active chat in
 * which the customer writes nothing for N minutes, counted from the later of the accept and the
 * customer's last message, is closed by the system; one minute before, the customer and the
 * chat's attendants get `chat.inactivity_warning { chatId, closesAt }`.
 *
 * One `inactivity` timer per chat (keyed by its id) carries the phase in its payload. It is set
 * at the accept and is NOT rewritten per message: when it fires it reads the setting and the
 * customer's last message and, if the customer wrote meanwhile, simply re-arms at the new
 * warning time. So a setting turned off, lengthened or shortened applies at the next firing of
 * every armed timer; a setting turned off drops the timer there. A customer message re-arms a
 * dropped timer (an insert that does nothing when one is set) unless the room learnt recently
 * that the setting is off, which keeps an account without the setting at about one D1 read per
 * accepted chat.
 */
import { effectivePolicies } from "../worker/settings/policies";
import { toChatAttendants, toChatCustomer } from "./fanout";
import type { ServerFrame } from "./protocol";
import type { ChatRow, RoomStorage } from "./room-storage";
import type { Timer, Timers } from "./timers";

export const INACTIVITY = "inactivity";
/** The warning comes this long before the close. */
export const WARNING_MS = 60_000;
/** The first look after an accept: the earliest warning of the shortest setting (2 minutes). */
const FIRST_CHECK_MS = WARNING_MS;
/** How long a room trusts that the setting is off before a customer message makes it ask again. */
const OFF_KNOWN_MS = 5 * 60_000;
/** The system message of a chat closed for inactivity (stored in the transcript, pt-BR like the other system lines). */
export const INACTIVITY_CLOSED_MESSAGE = "Atendimento encerrado por inatividade";

/** The timer's payload: looking for the warning, or the close announced for `closesAt`. */
type Phase = { phase: "warn" } | { phase: "close"; closesAt: number };

/** What the inactivity close needs from the room. */
export interface InactivityRoom {
  state: DurableObjectState;
  storage: RoomStorage;
  timers: Timers;
  db: D1Database;
  /** Closes the chat as "system" with the system message (same frames as any close). */
  closeForInactivity(chat: ChatRow): Promise<void>;
}

function phaseOf(payload: unknown): Phase {
  if (typeof payload === "object" && payload !== null && "phase" in payload && payload.phase === "close" && "closesAt" in payload) {
    const closesAt = payload.closesAt;
    if (typeof closesAt === "number") return { phase: "close", closesAt };
  }
  return { phase: "warn" };
}

/** The later of the accept and the customer's last message (epoch ms). */
export function lastActivity(sql: SqlStorage, chat: ChatRow): number {
  const row = sql
    .exec<{ at: number | null }>("SELECT MAX(created_at) AS at FROM messages WHERE chat_id = ? AND author_type = 'customer'", chat.id)
    .one();
  return Math.max(chat.accepted_at ?? chat.created_at, row.at ?? 0);
}

export class InactivityClose {
  /** Until when the setting is known to be off (memory only: an evicted room asks D1 again). */
  private offUntil = 0;
  /**
   * The setting as read in this alarm run: one run fires up to 100 timers (600 chats accepted
   * together come due together), and each used to read D1. A new run reads it again, so a
   * change still applies at the next firing.
   */
  private setting: Promise<number | undefined> | null = null;

  constructor(private readonly room: InactivityRoom) {}

  /** A chat was accepted (by hand or by routing): its first look comes a minute later. */
  accepted(chatId: string): void {
    this.room.timers.set(INACTIVITY, chatId, Date.now() + FIRST_CHECK_MS, { phase: "warn" } satisfies Phase);
  }

  /** The customer wrote: an armed timer notices at its firing; only a dropped one is set again. */
  customerWrote(chat: ChatRow): void {
    if (chat.status !== "active" || Date.now() < this.offUntil) return;
    this.room.timers.ensure(INACTIVITY, chat.id, Date.now() + FIRST_CHECK_MS, { phase: "warn" } satisfies Phase);
  }

  /** A new alarm run begins: its first firing reads the setting from D1 again. */
  newRun(): void {
    this.setting = null;
  }

  /** The chat closed or left the room: nothing more to watch. */
  forget(chatId: string): void {
    this.room.timers.cancel(INACTIVITY, chatId);
  }

  /** The timer's handler: drop, re-arm, warn or close, decided with the setting of now. */
  async fire(timer: Timer): Promise<void> {
    const { storage } = this.room;
    const meta = storage.meta();
    if (!meta || storage.chat(timer.key)?.status !== "active") return;
    this.setting ??= effectivePolicies(this.room.db, meta.accountId, meta.departmentId).then((p) => p.inactivityCloseMinutes);
    const minutes = await this.setting;
    if (!minutes) {
      this.offUntil = Date.now() + OFF_KNOWN_MS;
      return;
    }
    this.offUntil = 0;
    // Read again after the await: the chat may have closed, moved or heard from the customer.
    const chat = storage.chat(timer.key);
    if (chat?.status !== "active") return;
    const now = Date.now();
    const due = lastActivity(this.room.state.storage.sql, chat) + minutes * 60_000;
    const phase = phaseOf(timer.payload);
    // Announced and the customer stayed silent (a later message would put `due` after the announced time).
    if (phase.phase === "close" && due <= phase.closesAt) {
      if (now >= phase.closesAt) return this.room.closeForInactivity(chat);
      return void this.room.timers.set(INACTIVITY, chat.id, phase.closesAt, phase);
    }
    if (now < due - WARNING_MS) return void this.room.timers.set(INACTIVITY, chat.id, due - WARNING_MS, { phase: "warn" } satisfies Phase);
    // Late (an alarm delayed, a shorter setting): the customer still gets a full minute.
    this.warn(chat, Math.max(due, now + WARNING_MS));
  }

  private warn(chat: ChatRow, closesAt: number): void {
    this.room.timers.set(INACTIVITY, chat.id, closesAt, { phase: "close", closesAt } satisfies Phase);
    const frame = { type: "chat.inactivity_warning", chatId: chat.id, closesAt } satisfies ServerFrame;
    toChatCustomer(this.room.state, chat.id, frame);
    toChatAttendants(this.room.state, chat, frame);
  }
}
