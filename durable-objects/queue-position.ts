/**
 * Live queue positions: every customer socket of a waiting chat is told its place in the
 * department's queue (`queue.position`, 1 = next) when it connects and whenever the queue
 * changes (a chat queued, accepted, closed, transferred away or requeued). The order is the
 * room's own storage (waiting chats by created_at, as the consoles list them).
 *
 * At scale a change reaches every waiting customer, and a department accepting chats quickly
 * (20 attendants taking 2,000 chats of a 5,000-customer queue) would send waiting² frames. So
 * the room tells at most once per `POSITION_WINDOW_MS`: the first change is told at once, later
 * ones within the window once at its end (the latest state), and a socket whose position and
 * total did not change since it was last told hears nothing. The sockets are found by their
 * chat's tag, so no attachment is read.
 */
import { send } from "./fanout";
import type { ServerFrame } from "./protocol";

type QueueFrame = Extract<ServerFrame, { type: "queue.position" }>;

/** How often at most the waiting customers hear a moved queue. */
export const POSITION_WINDOW_MS = 1000;

/** The waiting chats' ids, oldest first (the queue order). */
export function waitingChatIds(sql: SqlStorage): string[] {
  return sql
    // An abandoned chat (customer-presence.ts) is out of the queue until its customer returns.
    .exec<{ id: string }>("SELECT id FROM chats WHERE status = 'waiting' AND abandoned_at IS NULL ORDER BY created_at, number")
    .toArray()
    .map((row) => row.id);
}

/** The queue's positions as of `version` (the room's `queue_version`, room-schema.ts). */
interface QueueMemo {
  version: number;
  positions: Map<string, number>;
  waiting: number;
}

const memos = new WeakMap<DurableObjectState, QueueMemo>();

/**
 * The queue in its order, with each chat's place. After a restart thousands of waiting customers
 * connect again within seconds, and counting each one's place in the index read half the queue
 * every time (a tenth of the room's CPU in the reconnect storm). So the queue is kept in memory
 * while SQLite's `queue_version` stays where it was: its triggers move it with every insert,
 * delete or change of status, abandon mark or order of a chat, whoever writes it. Not for use
 * inside a transaction that may roll back (the version would come back to a number the memo
 * holds); the connect path and the position broadcasts that ask are outside any.
 */
function queueOf(ctx: DurableObjectState): QueueMemo {
  const { sql } = ctx.storage;
  const version = sql.exec<{ version: number }>("SELECT version FROM queue_version WHERE id = 1").one().version;
  let memo = memos.get(ctx);
  if (memo?.version !== version) {
    const queue = waitingChatIds(sql);
    memo = { version, positions: new Map(queue.map((id, index) => [id, index + 1])), waiting: queue.length };
    memos.set(ctx, memo);
  }
  return memo;
}

/** The position frame of one chat, or null when it is not waiting. */
export function queuePositionOf(ctx: DurableObjectState, chatId: string): QueueFrame | null {
  const queue = queueOf(ctx);
  const position = queue.positions.get(chatId);
  return position === undefined ? null : { type: "queue.position", chatId, position, waiting: queue.waiting };
}

interface Window {
  timer: ReturnType<typeof setTimeout> | null;
  /** A change arrived while the window was open: told when it closes. */
  pending: boolean;
  /** What each chat's sockets were last told (`position/waiting`); memory only. */
  told: Map<string, string>;
}

const windows = new WeakMap<DurableObjectState, Window>();

function windowOf(ctx: DurableObjectState): Window {
  let w = windows.get(ctx);
  if (!w) windows.set(ctx, (w = { timer: null, pending: false, told: new Map() }));
  return w;
}

/**
 * The queue moved: tells the waiting customers their positions now, or at the end of the
 * current window when one is open. Returns how many sockets were told now.
 */
export function tellQueuePositions(ctx: DurableObjectState): number {
  const w = windowOf(ctx);
  if (w.timer) {
    w.pending = true;
    return 0;
  }
  const told = sendPositions(ctx, w);
  w.timer = setTimeout(() => {
    w.timer = null;
    if (!w.pending) return;
    w.pending = false;
    tellQueuePositions(ctx);
  }, POSITION_WINDOW_MS);
  return told;
}

function sendPositions(ctx: DurableObjectState, w: Window): number {
  const { positions, waiting } = queueOf(ctx);
  const still = new Map<string, string>();
  let told = 0;
  // In queue order: the map was filled that way.
  for (const [chatId, position] of positions) {
    const key = `${position}/${waiting}`;
    still.set(chatId, key);
    if (w.told.get(chatId) === key) continue;
    const frame = { type: "queue.position", chatId, position, waiting } satisfies QueueFrame;
    for (const ws of ctx.getWebSockets(`chat:${chatId}`)) if (send(ws, frame)) told++;
  }
  // Chats that left the queue are forgotten, so a requeued one is told again.
  w.told = still;
  return told;
}
