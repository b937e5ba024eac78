/**
 * One Durable Object per department (named `<account id>:<department id>`). It owns the
 * department's live state: the attendants' presence sockets, the customers' chat sockets, the
 * queue, and every message, in its own SQLite storage. It uses the WebSocket Hibernation API:
 * the identity of each socket lives in its attachment and everything else in storage, so the
 * object can be evicted at any moment and rebuilt by the constructor. Its timers are rows served by
 * one alarm (timers.ts); its SQLite schema is versioned and migrated by the constructor (room-schema.ts).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env";
import { syncToD1 } from "./d1-sync";
import { attendantSockets, customerSockets, identityOf, send, setIdentity, toAllAttendants, toChatAttendants, toChatCustomer, toEveryone, toEveryoneOfChat } from "./fanout";
import { handleFrame, type Room } from "./frame-handlers";
import { IDENTITY_HEADER, Identity, socketTags, type AttendantIdentity } from "./identity";
import type { StatusChange } from "../worker/presence";
import { auditEntry } from "../worker/audit";
import { database } from "../worker/db/client";
import { customersSeeChange, presenceSnapshot, rememberTold, sameSnapshot, tellUnlistedStatus, toldPresence, type PresenceSnapshot } from "./presence";
import { readFrame } from "./frame-intake";
import { CLOSED_CHAT_KEPT_MS, CloseCode, MAX_FRAME_BYTES, PROTOCOL_VERSION, type ServerFrame, type WireChat } from "./protocol";
import { migrate } from "./room-schema";
import { RoomStorage, type ChatRow, type RoomMeta } from "./room-storage";
import { Timers, type RunOptions, type TimerHandlers } from "./timers";
import { exportChat, forgetChat, importChat, type TransferBundle, type TransferTarget } from "./transfer";
import { departmentRoom } from "../worker/access";
import { ADMISSION, admitChat, removeOrphan, type AdmissionRoom, type AdmissionTimer, type OpenChatInput, type OpenChatResult } from "./admission";
import { PRESENCE_SUMMARY, writePresenceSummary, writeSummary, type PresenceSummary } from "./presence-summary";
import { toWireChat, toWireMessage } from "./wire";
import { toWireChatWithCloser } from "./closer";
import { MessageAllowance } from "./message-allowance";
import { forgetCustomer, type ForgetResult } from "./forget-customer";
import { applyRightsChange, type RightsChange, type RightsOutcome } from "./attendant-rights";
import { closedMessage, HOURS, hoursAt, readHours, writeHours, type RoomHours } from "./room-hours";
import { departmentHours } from "../worker/hours/rooms";
import { armShiftEnd, endShift, SHIFT_END, type ShiftEndRoom } from "./shift-end";
import { queuePositionOf, tellQueuePositions } from "./queue-position";
import { queueClosedOf, tellQueueClosed } from "./queue-closed";
import { routeQueue } from "./routing";
import { endGrace, GRACE, graceAfterRestart, graceExpired, startGrace } from "./grace";
import type { AttendantRef, OfflineReason } from "./attendant-offline";
import { availability, finishImport, reassignChat, type AttendantTarget, type ReassignInput, type ReassignResult } from "./reassign";
import { INACTIVITY, INACTIVITY_CLOSED_MESSAGE, InactivityClose } from "./inactivity";
import { applyLimits, type AttendantLimit } from "./attendant-limit";
import type { ClosedBy } from "./protocol";
import { labelsStale, readLabels, setChatLabels, tellChatLabels, writeLabels } from "./room-labels";
import { roomLabels } from "../worker/labels/rooms";
import { labelsOfChat } from "../worker/labels/store";
import type { RuleLabel } from "../worker/labels/rules";
import type { WireLabel } from "./protocol";
import { postAttachment, type AttachmentPost, type AttachmentPostResult } from "./room-attachments";
import {
  ABANDON,
  abandonTimer,
  armReturnCheck,
  ARRIVAL,
  arrivalCheck,
  awaitArrival,
  customerLeft,
  customerReturned,
  RETURN_CHECK,
  returnCheck,
  returnSince,
  type PresenceRoom,
} from "./customer-presence";
import { attendantLoads, type AttendantLoad } from "./attendant-load";
import { withPreview } from "./chat-preview";
import { consoleChats } from "./console-chats";
import { forgetReadyPresence, readyPresence } from "./ready-presence";
import { SharedTurn } from "./shared-turn";

/** How soon after a write D1 receives it: long enough to batch a burst, short enough to read back. */
const SYNC_DELAY_MS = 100;
/**
 * Resolves after a timer hop: the event loop polls the sockets before a timer fires, so the
 * frames that arrived meanwhile are handled there. Between the rounds of the alarm's D1 copy,
 * which locally run in this thread (d1-sync.ts), the room then stalls for one round at most
 * instead of the whole copy (README "Scaling": the delivery p99 at 2,000 messages/s in
 * alternating runs). Only the alarm's copy pauses: an alarm is not cancelled with a client's
 * request, which could drop the timer and leave the copy, and every sync after it, waiting.
 */
const socketsTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** A failed D1 sync is tried again after 5 s, then 10 s, 20 s… (timers.ts caps the backoff). */
const TIMER_OPTIONS: RunOptions = { retry: { sync: { firstMs: 5_000 } } };
/** The timer kind that finishes a transfer cut short, and when it runs. */
const TRANSFER = "transfer";
const TRANSFER_RETRY_MS = 10_000;
/** A presence summary that could not be written at once is tried again this soon (then backs off). */
const PRESENCE_RETRY_MS = 2_000;

export type { OpenChatInput, OpenChatResult };

export class DepartmentRoom extends DurableObject<Env> implements Room {
  readonly storage: RoomStorage;
  readonly timers: Timers;
  /** What each timer kind does when due (see alarm()). */
  private readonly timerHandlers: TimerHandlers = {
    sync: () => this.syncTimer(),
    prune: () => this.pruneTimer(),
    [PRESENCE_SUMMARY]: (timer) => writePresenceSummary(this.env.DB, this.storage.meta(), timer),
    [ADMISSION]: (timer) => this.admissionTimer(timer.payload as AdmissionTimer),
    // A handoff cut short (eviction mid-way) is finished; import is idempotent.
    [TRANSFER]: async (timer) => void (await this.transferChat(timer.key, timer.payload as TransferTarget)),
    [HOURS]: () => this.hoursTimer(),
    [SHIFT_END]: (timer) => endShift(this.shiftEnd, timer.key),
    [GRACE]: (timer) => graceExpired(this.shiftEnd, timer.key),
    [INACTIVITY]: (timer) => this.inactivity.fire(timer),
    [ABANDON]: (timer) => abandonTimer(this.presenceRoom, timer),
    [ARRIVAL]: (timer) => arrivalCheck(this.presenceRoom, timer),
    [RETURN_CHECK]: async (timer) => {
      await returnCheck(this.presenceRoom, timer);
      await graceAfterRestart(this.shiftEnd, this.storage, returnSince(timer));
      // D1's summary may still say what the room published before the restart, whatever the room
      // told since (a tell that kept "offline" publishes nothing): publish the presence now.
      const now = presenceSnapshot(this.ctx, this.storage);
      await this.publishPresence(now);
      if (!sameSnapshot(toldPresence(this.ctx) ?? now, now)) this.tellPresence(now);
    },
  };
  /** What the customer's presence and abandoned chats (customer-presence.ts) may do in this room. */
  private get presenceRoom(): PresenceRoom {
    return {
      state: this.ctx,
      storage: this.storage,
      timers: this.timers,
      db: this.env.DB,
      afterWrite: () => this.afterWrite(),
      queueMoved: () => this.queueMoved(true),
    };
  }
  /** What admission (admission.ts) may do in this room. */
  private get admission(): AdmissionRoom {
    return {
      db: this.env.DB,
      storage: this.storage,
      sql: this.ctx.storage.sql,
      labelRules: () => readLabels(this.ctx.storage.sql)?.labels ?? [],
      timeZone: () => readHours(this.ctx.storage.sql)?.timeZone ?? "UTC",
      refusalNow: () => {
        const hours = hoursAt(readHours(this.ctx.storage.sql), Date.now());
        if (!hours.open) return { code: "department_closed", message: closedMessage(hours), opensAt: hours.opensAt };
        // Busy (every attendant full) still admits: a chat that raced the change waits in the queue.
        const presence = presenceSnapshot(this.ctx, this.storage);
        return presence.online || presence.busy ? null : { code: "department_offline", message: "Nobody is online in this department now" };
      },
      setTimer: (kind, key, dueAt, payload) => this.timers.set(kind, key, dueAt, payload),
      cancelTimer: (kind, key) => void this.timers.cancel(kind, key),
      queued: (chat) => {
        awaitArrival(this.presenceRoom, chat.id, chat.createdAt);
        this.afterWrite();
        toAllAttendants(this.ctx, { type: "chat.queued", chat });
        if (chat.labels) tellChatLabels(this.ctx, [chat.id]);
      },
    };
  }
  /** What the attendants' shift ends and grace periods (shift-end.ts, grace.ts) may do in this room. */
  private get shiftEnd(): ShiftEndRoom {
    return {
      env: this.env,
      state: this.ctx,
      timers: this.timers,
      meta: this.storage.meta(),
      setOffline: async (attendant, change, reason) => void (await this.setAttendantStatus(attendant, change, reason)),
      room: (departmentId) => departmentRoom(this.env, this.storage.meta()!.accountId, departmentId),
    };
  }
  private readonly allowance = new MessageAllowance();
  /** Sockets' frames, closes and upgrades that arrive together share a turn and one commit (shared-turn.ts). */
  private readonly turn = new SharedTurn();
  /** The inactivity close of active chats (inactivity.ts). */
  private readonly inactivity: InactivityClose;
  private syncing: Promise<boolean> | null = null;
  /** The identity already checked against storage (saves a write per socket). */
  private identity: RoomMeta | null = null;

  /** The object's state, as the frame handlers see it. */
  get state(): DurableObjectState {
    return this.ctx;
  }

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.storage = new RoomStorage(ctx.storage.sql);
    this.timers = new Timers(ctx.storage.sql, ctx.storage);
    this.inactivity = new InactivityClose({
      state: ctx,
      storage: this.storage,
      timers: this.timers,
      db: env.DB,
      closeForInactivity: (chat) => this.closeForInactivity(chat),
    });
    void ctx.blockConcurrencyWhile(async () => {
      const { from, to } = migrate(ctx.storage);
      // A migration may have carried timers over: make sure the alarm serves them.
      if (from !== to) await this.timers.arm();
      armReturnCheck(this.presenceRoom, toldPresence(ctx)?.online === true);
      await this.ensureHours().catch((error) => console.error("loading the department's hours failed; open until told", error));
    });
  }

  // ------------------------------------------------------------------ sockets

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const parsed = Identity.safeParse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null"));
    if (!parsed.success) return new Response("Missing identity", { status: 400 });
    const who = parsed.data;
    if (!this.identifyAs(who)) return new Response("Wrong department", { status: 409 });
    await this.turn.wait();
    await this.ensureHours();
    const { 0: client, 1: server } = new WebSocketPair();
    const version = Number(new URL(request.url).searchParams.get("v"));
    if (version !== PROTOCOL_VERSION) {
      // Accepted outside the room (no tags, no hibernation): it never counts as present, and
      // its close runs none of the room's handlers.
      server.accept();
      send(server, { type: "error", code: "unsupported_version", message: `This server speaks protocol v${PROTOCOL_VERSION}` });
      server.close(CloseCode.policy, "unsupported protocol version");
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server, socketTags(who));
    setIdentity(server, who);

    // A customer's socket changes nobody's presence (only attendants' sockets count): one snapshot, nothing to announce.
    const before = who.role === "attendant" ? presenceSnapshot(this.ctx, this.storage, { excluding: server }) : null;
    let status: "online" | "offline" | null = null;
    if (who.role === "attendant") {
      // The status the Worker read may be older than one this room heard since (a toggle while
      // the socket opened): the room keeps the newer one.
      status = this.storage.setPresence({ id: who.attendantId, name: who.name }, { status: who.status, version: who.statusVersion }, Date.now());
      endGrace(this, who.attendantId);
      if (status === "online") await armShiftEnd(this.shiftEnd, who.attendantId);
    }
    const now = who.role === "customer" ? readyPresence(this.ctx, this.storage) : presenceSnapshot(this.ctx, this.storage);
    send(server, this.readyFrame(who, now));
    // Back on the page: the absence ends; an abandoned chat takes its place in the queue again.
    if (who.role === "customer") await customerReturned(this.presenceRoom, who.chatId);
    if (who.role === "customer") {
      const position = queuePositionOf(this.ctx, who.chatId);
      if (position) send(server, position);
      // Closed by its hours while this chat waits: told now too (a reload, a reconnect).
      const closed = now.opensAt !== undefined && queueClosedOf(this.ctx.storage.sql, who.chatId, now.opensAt);
      if (closed) send(server, closed);
    }
    if (before) await this.announcePresence(before, now);
    // An attendant coming online may take waiting chats (automatic routing).
    if (status === "online") await this.queueMoved(false);
    return new Response(null, { status: 101, webSocket: client });
  }

  private readyFrame(who: Identity, presence: PresenceSnapshot): ServerFrame {
    let chats: WireChat[];
    if (who.role === "customer") {
      const chat = this.storage.chat(who.chatId);
      chats = chat ? [toWireChatWithCloser(this.storage, chat, this.ctx)] : [];
    } else {
      // Abandoned chats are out of the queue (customer-presence.ts): consoles hear of them again if they resume.
      chats = consoleChats(this.ctx.storage.sql);
    }
    return {
      type: "session.ready",
      v: PROTOCOL_VERSION,
      role: who.role,
      departmentId: who.departmentId,
      chats,
      attendants: who.role === "attendant" ? presence.attendants : [],
      online: presence.online,
      ...(presence.opensAt !== undefined ? { opensAt: presence.opensAt } : {}),
      ...(presence.busy ? { busy: true } : {}),
    };
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await this.turn.wait();
    const who = identityOf(ws);
    if (!who) return ws.close(CloseCode.policy, "unknown socket");
    // Bytes on the wire, not UTF-16 units: 12,000 "€" are 36 KB.
    // A UTF-16 unit is at most 3 UTF-8 bytes: most frames need no encoding to be known small.
    const size = typeof data === "string" ? (data.length * 3 <= MAX_FRAME_BYTES ? data.length : new TextEncoder().encode(data).byteLength) : data.byteLength;
    if (size > MAX_FRAME_BYTES) {
      send(ws, { type: "error", code: "frame_too_big", message: `Frames are limited to ${MAX_FRAME_BYTES} bytes` });
      return ws.close(CloseCode.tooBig, "frame too big");
    }
    const frame = readFrame(data);
    if (!frame.ok) {
      send(ws, frame.error);
      return;
    }
    try {
      await handleFrame(this, ws, who, frame.frame);
    } catch (error) {
      console.error("frame failed", frame.frame.type, error);
      send(ws, { type: "error", code: "internal", message: "Something went wrong; try again" });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    // After the frames that came before it: a message sent just before a close is stored first.
    await this.turn.wait();
    this.allowance.forget(ws);
    const who = identityOf(ws);
    if (who?.role === "attendant") {
      // Inside webSocketClose the runtime no longer lists the closing socket.
      const before = presenceSnapshot(this.ctx, this.storage, { including: who });
      const after = presenceSnapshot(this.ctx, this.storage, { excluding: ws });
      await this.announcePresence(before, after);
      await startGrace(this.shiftEnd, this.storage, who.attendantId, ws);
    }
    if (who?.role === "customer") await customerLeft(this.presenceRoom, who.chatId, ws);
    try {
      ws.close(code === 1005 || code === 1006 ? CloseCode.normal : code);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, CloseCode.internal);
  }

  private async announcePresence(before: PresenceSnapshot, after: PresenceSnapshot) {
    if (sameSnapshot(before, after)) return;
    if (before.online !== after.online || Boolean(before.busy) !== Boolean(after.busy)) await this.publishPresence(after);
    this.tellPresence(after, customersSeeChange(before, after));
  }

  /** `customersToo` false: only the attendants' view changed (who is online), the customers hear nothing. */
  private tellPresence(now: PresenceSnapshot, customersToo = true) {
    rememberTold(this.ctx, now);
    forgetReadyPresence(this.ctx);
    const frame = (role: "customer" | "attendant"): ServerFrame => ({
      type: "presence.changed",
      attendants: role === "attendant" ? now.attendants : [],
      online: now.online,
      ...(now.opensAt !== undefined ? { opensAt: now.opensAt } : {}),
      ...(now.busy ? { busy: true } : {}),
    });
    if (customersToo) toEveryone(this.ctx, frame);
    else toAllAttendants(this.ctx, frame("attendant"));
  }

  /**
   * After a change of the attendants' loads (an accept, a close, a transfer, a requeue): a
   * department whose online attendants all became full goes offline (busy), and online again
   * once a slot frees. Compared with what the room last told, since the change is already made.
   */
  private async recheckPresence(): Promise<void> {
    const now = presenceSnapshot(this.ctx, this.storage);
    // A room that never recorded what it told last told the same without the capacity rule.
    const told = toldPresence(this.ctx) ?? (now.busy ? { attendants: now.attendants, online: true } : now);
    await this.announcePresence(told, now);
  }

  // ------------------------------------------------------------------ hours (room-hours.ts)

  /** A room never told its hours (older than them, or new) loads them from D1 once it knows who it is. */
  private async ensureHours(): Promise<void> {
    const meta = this.storage.meta();
    if (!meta || readHours(this.ctx.storage.sql)) return;
    const hours = await departmentHours(this.env.DB, meta.accountId, meta.departmentId);
    // Told meanwhile (setHours while D1 answered): what it was told is newer.
    if (readHours(this.ctx.storage.sql)) return;
    writeHours(this.ctx.storage.sql, hours, Date.now());
    this.armHours();
  }

  /** The `hours` timer at the next boundary, or none when the hours never change. */
  private armHours() {
    const next = hoursAt(readHours(this.ctx.storage.sql), Date.now()).changesAt;
    if (next === null) this.timers.cancel(HOURS, "");
    else this.timers.set(HOURS, "", next);
  }

  /**
   * At a boundary every socket hears the new presence (widgets switch live), D1's summary
   * follows, waiting customers hear that the department closed (queue-closed.ts), and the
   * timer moves on.
   */
  private async hoursTimer() {
    const now = presenceSnapshot(this.ctx, this.storage);
    await this.publishPresence(now);
    this.tellPresence(now);
    if (now.opensAt !== undefined) tellQueueClosed(this.ctx, now.opensAt);
    this.armHours();
  }

  allowMessage(ws: WebSocket, who: Identity): boolean {
    return this.allowance.take(ws, who.role, Date.now());
  }

  // ------------------------------------------------------------------ chat lifecycle

  async closeChat(chat: ChatRow, by: ClosedBy, attendantId: string | null): Promise<void> {
    if (!this.storage.close(chat.id, by, attendantId, Date.now())) return;
    this.inactivity.forget(chat.id);
    this.afterWrite();
    // The transcript reaches D1 before anyone is told the chat is closed (history is read there).
    await this.syncNow().catch((error) => console.error("D1 sync on close failed; the alarm retries", error));
    // The earliest pending prune stays: later closes must not put it off forever.
    this.timers.ensureBy("prune", "", Date.now() + CLOSED_CHAT_KEPT_MS);
    toEveryoneOfChat(this.ctx, chat.id, { type: "chat.closed", chat: toWireChatWithCloser(this.storage, this.storage.chat(chat.id)!, this.ctx) });
    // A waiting chat left the queue, or an attendant has a free slot.
    await this.queueMoved(true);
  }

  /** The customer stayed silent past policies.inactivityCloseMinutes: a system line, then the close. */
  private async closeForInactivity(chat: ChatRow): Promise<void> {
    const { message } = this.storage.appendMessage(chat.id, { type: "system", id: null, name: "" }, INACTIVITY_CLOSED_MESSAGE, null, Date.now());
    const frame = { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame;
    toChatCustomer(this.ctx, chat.id, frame);
    toChatAttendants(this.ctx, this.storage.chat(chat.id)!, frame);
    await this.closeChat(chat, "system", null);
  }

  /** See frame-handlers.ts `Room`. */
  accepted(chatId: string): void {
    this.inactivity.accepted(chatId);
  }

  customerWrote(chat: ChatRow): void {
    this.inactivity.customerWrote(chat);
  }

  // ------------------------------------------------------------------ the queue (queue-position.ts, routing.ts)

  /** A chat left the queue by an accept: the waiting customers hear their new positions; the accept may have filled the last slot. */
  async queueChanged(): Promise<void> {
    tellQueuePositions(this.ctx);
    await this.recheckPresence();
  }

  /**
   * The queue or the attendants' capacity changed: automatic routing assigns what it may, then
   * the waiting customers hear their positions (when `changed`, or when routing assigned any).
   * A failed routing (D1 unreachable) leaves the chats waiting for a manual accept or the next change.
   */
  private async queueMoved(changed: boolean): Promise<void> {
    let assigned = 0;
    try {
      assigned = await routeQueue({
        state: this.ctx,
        storage: this.storage,
        afterWrite: () => this.afterWrite(),
        accepted: (chatId) => this.accepted(chatId),
        db: this.env.DB,
      });
    } catch (error) {
      console.error("automatic routing failed; the chats stay in the queue", error);
    }
    if (changed || assigned > 0) tellQueuePositions(this.ctx);
    await this.recheckPresence();
  }

  async auditRemoteClose(chat: ChatRow, by: AttendantIdentity): Promise<void> {
    const entry = auditEntry(database(this.env.DB), {
      accountId: chat.account_id,
      actor: { id: by.attendantId, name: by.name },
      action: "chat.closed_remotely",
      target: { type: "chat", id: chat.id },
      detail: { number: chat.number, departmentId: chat.department_id, attendantId: chat.attendant_id, attendantName: chat.attendant_name },
    });
    // The close itself is done and told; a lost audit line must not undo or fail it.
    await entry.run().catch((error: unknown) => console.error("audit of a remote close failed", error));
  }

  // ------------------------------------------------------------------ D1 sync and timers

  /** A sync already set (even a retry after a failure) is kept: a burst of writes is one copy. */
  afterWrite(): void {
    this.timers.ensure("sync", "", Date.now() + SYNC_DELAY_MS);
  }

  /**
   * Copies everything pending to D1 now; concurrent callers share one run at a time. `pause`
   * runs between the copy's rounds (d1-sync.ts).
   */
  async syncNow(pause?: () => Promise<void>): Promise<boolean> {
    while (this.syncing) await this.syncing;
    this.syncing = syncToD1(this.env.DB, this.storage, pause).finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async syncTimer() {
    // Not done means a large backlog: go on soon, in a new alarm, so sockets are served meanwhile.
    if (!(await this.syncNow(socketsTurn))) this.timers.set("sync", "", Date.now() + SYNC_DELAY_MS);
  }

  private pruneTimer() {
    const now = Date.now();
    this.storage.pruneClosed(now - CLOSED_CHAT_KEPT_MS);
    if (this.storage.hasClosedChats()) this.timers.set("prune", "", now + CLOSED_CHAT_KEPT_MS);
  }

  /** An admission that never completed (the object died mid-way): remove its D1 rows unless the chat is here. */
  private async admissionTimer(orphan: AdmissionTimer) {
    if (!this.storage.chat(orphan.chatId)) await removeOrphan(this.env.DB, orphan);
  }

  /** Runs the due timers (a failure stays for a retry), then re-arms at the earliest one left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    // Whatever woke the alarm, pending copies go to D1 now (also makes the alarm deterministic in tests).
    if (this.storage.hasPendingSync()) this.timers.ensureBy("sync", "", now);
    this.inactivity.newRun();
    await this.timers.runDue(now, this.timerHandlers, TIMER_OPTIONS);
  }

  /**
   * Records which account and department this room is, on its first socket or RPC, so that an
   * alarm waking an idle room knows it. False (and logged) for another account's or department's
   * identity: the Worker names rooms `<account id>:<department id>`, so that is a bug to refuse.
   */
  private identifyAs(meta: RoomMeta): boolean {
    const given = { accountId: meta.accountId, departmentId: meta.departmentId };
    if (this.identity?.accountId === given.accountId && this.identity.departmentId === given.departmentId) return true;
    if (this.storage.identify(given, Date.now())) {
      this.identity = given;
      return true;
    }
    console.error("room identity mismatch: refused", { stored: this.storage.meta(), given });
    return false;
  }

  // ------------------------------------------------------------------ RPC from the Worker

  /** Makes sure the room knows which account and department it is (idempotent). False on a mismatch. */
  async identify(meta: RoomMeta): Promise<boolean> {
    return this.identifyAs(meta);
  }

  /**
   * Writes the latest answer to D1 before the event that changed it completes (so the next
   * config poll sees it). A retry timer is left first and removed once the write succeeded,
   * unless a newer answer replaced it meanwhile.
   */
  private async publishPresence({ online, busy }: Pick<PresenceSnapshot, "online" | "busy">) {
    const summary: PresenceSummary = { online, busy: busy === true, changedAt: Date.now() };
    this.timers.set(PRESENCE_SUMMARY, "", summary.changedAt + PRESENCE_RETRY_MS, summary);
    try {
      await writeSummary(this.env.DB, this.storage.meta(), summary);
      const pending = this.timers.get(PRESENCE_SUMMARY, "")?.payload as PresenceSummary | undefined;
      if (pending?.changedAt === summary.changedAt) this.timers.cancel(PRESENCE_SUMMARY, "");
    } catch (error) {
      console.error("presence summary write failed; the alarm retries", error);
    }
  }

  /**
   * Whether the department is online, and who is. With `publish` (the config route, for a
   * department whose room never wrote a summary) the room also records who it is and writes
   * its summary, so later polls need not wake it.
   */
  async presence(publish?: RoomMeta): Promise<PresenceSnapshot> {
    if (publish && this.identifyAs(publish)) await this.ensureHours();
    const snapshot = presenceSnapshot(this.ctx, this.storage);
    if (publish && this.identifyAs(publish)) await this.publishPresence(snapshot);
    return snapshot;
  }

  /** Puts a new chat in the queue with its first messages and tells the attendants. Idempotent. */
  async openChat(input: OpenChatInput): Promise<OpenChatResult> {
    if (!this.identifyAs(input.chat)) throw new Error("This room belongs to another department");
    await this.ensureHours();
    await this.ensureLabels();
    const result = await admitChat(this.admission, input);
    // After `queued` told the attendants: routing and positions follow the new chat.
    if (result.admitted && result.created) await this.queueMoved(true);
    return result;
  }

  /**
   * Moves an open chat to another department's room (see transfer.ts): the chat's id, number,
   * messages and sequence numbers go along. Idempotent: a repeat (or the retry timer) finds the
   * chat already gone from here and answers null.
   */
  async transferChat(chatId: string, to: TransferTarget): Promise<WireChat | null> {
    const chat = this.storage.chat(chatId);
    const meta = this.storage.meta();
    if (!chat || chat.status === "closed" || !meta || to.departmentId === meta.departmentId) return null;
    this.timers.set(TRANSFER, chatId, Date.now() + TRANSFER_RETRY_MS, to);
    const target = { accountId: meta.accountId, departmentId: to.departmentId };
    let moved: WireChat | null = null;
    // No message may be stored here between the export and the forget: the room waits for the handoff.
    await this.ctx.blockConcurrencyWhile(async () => {
      // Step 2 of the handoff (transfer.ts): this room's copies reach D1 first, and a copy already
      // on its way (the alarm's sync) lands before the destination's, which names the new
      // department: landing after it, it put the old one back, and the API looked for the chat here.
      await this.syncNow();
      const exported = exportChat(this.ctx.storage.sql, chatId);
      if (!exported) return;
      const { departmentId: _, ...extras } = to;
      moved = await departmentRoom(this.env, meta.accountId, to.departmentId).importChat({ ...exported, ...extras }, target);
      forgetChat(this.ctx.storage.sql, chatId);
      this.storage.chats.drop(chatId);
    });
    this.timers.cancel(TRANSFER, chatId);
    if (!moved) return null;
    this.inactivity.forget(chatId);
    toEveryoneOfChat(this.ctx, chatId, { type: "chat.transferred", chat: moved, fromDepartmentId: meta.departmentId });
    // The customer's client reconnects and is given a socket to the new room.
    for (const ws of customerSockets(this.ctx, chatId)) ws.close(CloseCode.normal, "chat transferred");
    await this.queueMoved(true);
    return moved;
  }

  /** Takes a chat handed over by another room (transferChat there). A repeated import changes nothing. */
  async importChat(bundle: TransferBundle, meta: RoomMeta): Promise<WireChat> {
    if (!this.identifyAs(meta)) throw new Error("This room belongs to another department");
    // Read before the import: nothing may run between storing the chat and telling the attendants.
    const labels = await labelsOfChat(this.env.DB, meta.accountId, bundle.chat.id).catch((error: unknown) => {
      console.error("reading a transferred chat's labels failed; it arrives without them", error);
      return [];
    });
    if (importChat(this.ctx.storage.sql, bundle, meta.departmentId)) {
      this.storage.chats.drop(bundle.chat.id);
      this.afterWrite();
      setChatLabels(this.ctx.storage.sql, bundle.chat.id, labels);
      toAllAttendants(this.ctx, { type: "chat.queued", chat: withPreview(this.ctx.storage.sql, { ...toWireChat(this.storage.chat(bundle.chat.id)!), labels }) });
      const { chat: _, messages: __, ...extras } = bundle;
      finishImport(this, bundle.chat.id, { ...extras, notice: bundle.notice ?? `Transferido de ${bundle.fromDepartmentName}` });
    }
    // D1 names the new department before the source lets go, so the API finds the chat here.
    await this.syncNow();
    await this.queueMoved(true);
    return toWireChat(this.storage.chat(bundle.chat.id)!);
  }

  /** Transfer to another attendant of this room (reassign.ts); refusals come back as codes. */
  async transferToAttendant(input: ReassignInput): Promise<ReassignResult> {
    const result = reassignChat(this, input);
    if (result.ok) this.queueChanged();
    return result;
  }

  /** Whether an attendant could take one more chat here now (null), or why not. */
  async attendantAvailability(to: AttendantTarget): Promise<"attendant_offline" | "capacity_full" | null> {
    return availability(this, to);
  }

  /** The live state of one chat, or null when the room no longer holds it. */
  async getChat(chatId: string): Promise<WireChat | null> {
    const row = this.storage.chat(chatId);
    return row ? toWireChatWithCloser(this.storage, row, this.ctx) : null;
  }

  /** Each attendant's live status and load here: the console's "Atendentes" panel (worker/routes/department-attendants.ts). */
  async attendantLoads(): Promise<AttendantLoad[]> {
    return attendantLoads(this.ctx, this.storage);
  }

  /** The waiting and active chats, oldest first: the supervision read (worker/routes/supervision.ts). */
  async openChats(): Promise<WireChat[]> {
    return this.storage.openChats().map(toWireChat);
  }

  /** Messages of a chat after `afterSeq` (tests and the console's fallback). */
  async messages(chatId: string, afterSeq = 0) {
    return this.storage.messagesAfter(chatId, afterSeq, 1000).messages.map(toWireMessage);
  }

  /**
   * An attendant chose online or offline: update their sockets' department. With a `reason` the
   * server decided it (attendant-offline.ts), and their sockets here hear `attendant.status`.
   * A change older than the one the room holds (calls racing each other) changes nothing.
   */
  async setAttendantStatus(attendant: AttendantRef, change: StatusChange, reason?: OfflineReason): Promise<PresenceSnapshot> {
    const before = presenceSnapshot(this.ctx, this.storage);
    const { status } = change;
    if (this.storage.setPresence(attendant, change, Date.now()) !== status) return before;
    if (status === "online") await armShiftEnd(this.shiftEnd, attendant.id);
    else {
      this.timers.cancel(SHIFT_END, attendant.id);
      this.timers.cancel(GRACE, attendant.id);
    }
    const after = presenceSnapshot(this.ctx, this.storage);
    await this.announcePresence(before, after);
    tellUnlistedStatus(this.ctx, attendant.id, status, after);
    if (status === "online") await this.queueMoved(false);
    if (reason) {
      const frame = { type: "attendant.status", status, reason, at: Date.now() } satisfies ServerFrame;
      for (const { ws, who } of attendantSockets(this.ctx)) if (who.attendantId === attendant.id) send(ws, frame);
    }
    return after;
  }

  /** The Worker's new effective hours for this department (worker/hours/rooms.ts): stored, re-armed, announced when presence changes. */
  async setHours(meta: RoomMeta, hours: RoomHours): Promise<void> {
    if (!this.identifyAs(meta)) throw new Error("This room belongs to another department");
    const before = presenceSnapshot(this.ctx, this.storage);
    writeHours(this.ctx.storage.sql, hours, Date.now());
    this.armHours();
    const after = presenceSnapshot(this.ctx, this.storage);
    await this.announcePresence(before, after);
    // New hours that close the department now are a boundary too.
    if (before.opensAt === undefined && after.opensAt !== undefined) tellQueueClosed(this.ctx, after.opensAt);
  }

  /** The right to be forgotten: blanks the customer's data here and closes their open chats (forget-customer.ts). */
  async forgetCustomer(customerId: string): Promise<ForgetResult> {
    const result = await forgetCustomer(
      {
        state: this.ctx,
        storage: this.storage,
        afterWrite: () => this.afterWrite(),
        syncNow: () => this.syncNow(),
        keepClosed: () => this.timers.ensureBy("prune", "", Date.now() + CLOSED_CHAT_KEPT_MS),
      },
      customerId,
    );
    if (result.closed > 0) await this.queueMoved(true);
    return result;
  }

  /** Attendants' chat limits changed (attendant-limit.ts): their consoles here follow, and a raised limit may take waiting chats. */
  async attendantLimitsChanged(meta: RoomMeta, limits: AttendantLimit[]): Promise<number> {
    if (!this.identifyAs(meta)) throw new Error("This room belongs to another department");
    const changed = applyLimits(this.ctx, limits);
    if (changed > 0) await this.queueMoved(false);
    return changed;
  }

  /** An attendant's rights changed in Gestão: close their consoles here, requeue what they no longer attend (attendant-rights.ts). */
  async attendantRightsChanged(meta: RoomMeta, change: RightsChange): Promise<RightsOutcome> {
    if (!this.identifyAs(meta)) throw new Error("This room belongs to another department");
    const outcome = await applyRightsChange(
      {
        state: this.ctx,
        storage: this.storage,
        afterWrite: () => this.afterWrite(),
        syncNow: () => this.syncNow(),
        announcePresence: (before, after) => this.announcePresence(before, after),
      },
      change,
    );
    if (outcome.requeuedChatIds.length > 0) await this.queueMoved(true);
    return outcome;
  }

  // ------------------------------------------------------------------ Rótulos (room-labels.ts)

  /** Loads the account's labels from D1 when the room has none or they are stale; a failure admits the chat without rules. */
  private async ensureLabels(): Promise<void> {
    const meta = this.storage.meta();
    if (!meta || !labelsStale(this.ctx.storage.sql, Date.now())) return;
    try {
      const { labels, readAt } = await roomLabels(this.env.DB, meta.accountId);
      const changed = writeLabels(this.ctx.storage.sql, labels, readAt);
      if (changed?.length) tellChatLabels(this.ctx, changed);
    } catch (error) {
      console.error("loading the account's labels failed; this chat gets none by rule", error);
    }
  }

  /** The account's labels after a change (worker/labels/rooms.ts): stored; chats whose labels were renamed or deleted are told. */
  async setLabels(meta: RoomMeta, labels: RuleLabel[], readAt: number): Promise<void> {
    if (!this.identifyAs(meta)) throw new Error("This room belongs to another department");
    const changed = writeLabels(this.ctx.storage.sql, labels, readAt);
    if (changed?.length) tellChatLabels(this.ctx, changed);
  }

  /** A chat's labels changed in D1 (PUT /api/chats/:id/labels): kept here while the room holds the chat, and told. False when it does not. */
  async chatLabelsChanged(chatId: string, labels: WireLabel[]): Promise<boolean> {
    if (!this.storage.chat(chatId)) return false;
    setChatLabels(this.ctx.storage.sql, chatId, labels);
    tellChatLabels(this.ctx, [chatId]);
    return true;
  }

  /** A file the Worker stored for a chat: the message that carries it, stored and delivered (room-attachments.ts). */
  async postAttachment(input: AttachmentPost): Promise<AttachmentPostResult> {
    return postAttachment(this, input);
  }
}
