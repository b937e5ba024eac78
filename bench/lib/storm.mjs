// The reconnect storm (issue 14): every socket of the scale step drops because the server
// restarts (as after a deploy) while the attendants are sending, and the customers come back
// within a few seconds the way the widget does (widget/chat-connection.ts): `GET
// /api/widget/me` for a fresh socket URL, then `chat.sync { afterSeq }` with the last seq they
// saw, asking again while `hasMore`; since issue 14 the widget's first attempt after a drop is
// `GET /api/widget/resume` straight to the chat, and `/me` only if that is refused. The
// attendants (all at once, as 20 consoles would) resend what the room did not acknowledge as
// soon as each is back, with the same clientId (the room stores a clientId once), as the console
// does; a send refused over the allowance is sent again 2 s later, as an attendant would.
//
// Each attendant sends one message to each of its 100 chats (50 at once, then 18/s: under the
// attendants' allowance of 60 + 20/s); the server is stopped once half were acknowledged.
// Per customer the bench counts the storm messages it received (live or in a history), so
// that `storm_lost` (never received) and `storm_duplicated` (received more than once) are
// exact. `storm_resync_s` runs from the restarted server answering to the moment the last
// customer holds every message of its chat.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProfile } from "../profile-room.mjs";
import { openSocket, pool, wsToken } from "./clients.mjs";
import { workerdCpu } from "./servers.mjs";
import { fmt, log, sleep } from "./stats.mjs";

const STORM = {
  /** The customers reconnect spread over this long after the server is back (the widget's jittered backoff). */
  spreadMs: 3000,
  /** Requests in flight while reconnecting (a bound on the bench's own sockets, not the server's). */
  concurrency: 200,
  burst: 50,
  intervalMs: 55,
  ackTimeoutMs: 30_000,
  resyncTimeoutMs: 120_000,
};

/** Sends `items` on `ws` (50 at once, then one every 55 ms) until `stop()` says so. */
async function sendPaced(ws, items, stop) {
  for (let i = 0; i < items.length && !stop(); i++) {
    if (i >= STORM.burst) await sleep(STORM.intervalMs);
    try {
      ws.send(JSON.stringify({ type: "message.send", chatId: items[i].chatId, clientId: items[i].clientId, body: `Resposta ${items[i].clientId}` }));
    } catch {
      return;
    }
  }
}

/** The storm's view of a customer socket: seqs for the next sync, storm messages by clientId. */
function follow(c, ws) {
  c.ws = ws;
  ws.onFrame = (frame) => {
    const messages = frame.type === "message.created" ? [frame.message] : frame.type === "chat.history" ? frame.messages : [];
    for (const m of messages) {
      c.lastSeq = Math.max(c.lastSeq, m.seq);
      if (m.clientId?.startsWith("storm-")) c.got.set(m.clientId, (c.got.get(m.clientId) ?? 0) + 1);
    }
    if (frame.type === "chat.history" && frame.hasMore) ws.send(JSON.stringify({ type: "chat.sync", chatId: c.chatId, afterSeq: c.lastSeq }));
  };
}

/** Follows an attendant socket's acknowledgements (its own message.created, by clientId). */
function followAttendant(a, acked) {
  const ws = a.ws;
  ws.onFrame = (frame) => {
    if (frame.type === "message.created" && frame.message.clientId?.startsWith("storm-")) acked.add(frame.message.clientId);
    // A refused send is never acknowledged: its code says why (logged at the end).
    if (frame.type !== "error") return;
    refusals.set(frame.code, (refusals.get(frame.code) ?? 0) + 1);
    // Over the allowance (frames that queued while the fresh room was busy arrive at once): the
    // console shows it unsent and the attendant sends it again, same clientId, a moment later.
    if (frame.code === "rate_limited" && frame.clientId?.startsWith("storm-")) {
      setTimeout(() => ws.readyState === 1 && ws.send(JSON.stringify({ type: "message.send", chatId: frame.chatId, clientId: frame.clientId, body: `Resposta ${frame.clientId}` })), RETRY_REFUSED_MS);
    }
  };
}

/** How long the bench's attendant waits before sending a refused message again. */
const RETRY_REFUSED_MS = 2000;

/** The attendants' error frames during the storm, by code. */
const refusals = new Map();

/**
 * The widget's resume (widget/chat-controller.ts): first straight to the chat (`GET
 * /api/widget/resume` with the last socket URL's token, widget/resume-url.ts); when that is refused, a
 * fresh socket URL from /api/widget/me. Then chat.sync.
 */
async function resume(c, base, port, direct) {
  const url = new URL(direct ? c.wsUrl : await socketUrlFromMe(c, base));
  url.port = String(port);
  if (direct) {
    url.pathname = "/api/widget/resume";
    const token = url.searchParams.get("token") ?? "";
    url.search = new URLSearchParams({ account: "demo-public-key", chat: c.chatId, token, v: url.searchParams.get("v") ?? "" }).toString();
  }
  // Followed from its first frame: a message stored right after session.ready may arrive in the
  // same read, and the room then counts it as received live (a sync on this socket skips it).
  const ws = await openSocket(url.toString(), { "cf-connecting-ip": c.ip }, (socket) => follow(c, socket));
  ws.send(JSON.stringify({ type: "chat.sync", chatId: c.chatId, afterSeq: c.lastSeq }));
}

async function socketUrlFromMe(c, base) {
  const res = await fetch(`${base}/api/widget/me?account=demo-public-key`, {
    headers: { authorization: `Bearer ${c.customerToken}`, "cf-connecting-ip": c.ip, accept: "application/json" },
    signal: AbortSignal.timeout(15_000),
  });
  const body = await res.json();
  if (!res.ok || !body.ws) throw new Error(`me: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body.ws.url;
}

/** Storm messages some customer never received; with `only`, those whose clientId it holds. */
function missingOf(accepted, expected, only) {
  let missing = 0;
  for (const c of accepted) for (const id of expected.get(c.chatId)) if (!c.got.has(id) && (!only || only.has(id))) missing++;
  return missing;
}

/** A failure before any answer on a reused keep-alive connection, which a browser retries at once. */
const staleConnection = (error) => ["UND_ERR_SOCKET", "ECONNRESET"].includes(error.cause?.code);

/**
 * Each console reconnects on its own (all at once, as 20 browsers would) and resends what the
 * room did not acknowledge as soon as it is back. Returns when every attendant is back and sent.
 */
async function reconnectAttendants(ctx, direct, attendants, items, acked, stats) {
  await pool(attendants, attendants.length, async (a, k) => {
    // The console retries too: a fresh worker under the storm may refuse a connection at first.
    for (let attempt = 1; ; attempt++) {
      try {
        const token = await wsToken(`http://127.0.0.1:${direct.port}`, ctx.accounts[k]);
        a.ws = await openSocket(`ws://127.0.0.1:${direct.port}/api/ws?token=${encodeURIComponent(token)}&department=dep-escala&v=1`, {}, (socket) => {
          a.ws = socket;
          followAttendant(a, acked);
        });
        break;
      } catch (error) {
        stats.failures++;
        // Given up: what it did not get stored counts in storm_lost, and the figures still print.
        if (attempt === 5) return log(`storm: attendant ${a.id} did not reconnect: ${error.message}`);
        log(`storm: attendant ${a.id} reconnect failed (${error.message} ${error.cause?.code ?? error.cause?.message ?? ""}), again`);
        if (!staleConnection(error)) await sleep(1000 * attempt);
      }
    }
    stats.backAt = performance.now();
    // What the room did not acknowledge is sent again, same clientId.
    await sendPaced(a.ws, items[k].filter((m) => !acked.has(m.clientId)), () => false);
  });
}

/** How many of the acknowledged storm messages no customer got are in their room's storage. */
async function storedOfLost(accepted, expected, acked, attendants) {
  let stored = 0;
  for (const c of accepted) {
    const lost = expected.get(c.chatId).filter((id) => !c.got.has(id) && acked.has(id));
    const ws = lost.length ? attendants.find((a) => a.id === c.ownerId)?.ws : undefined;
    if (!ws || ws.readyState !== 1) continue;
    const seen = await new Promise((resolve) => {
      const ids = new Set();
      const before = ws.onFrame;
      const done = () => {
        ws.onFrame = before;
        resolve(ids);
      };
      const timer = setTimeout(done, 5000);
      ws.onFrame = (frame) => {
        before?.(frame);
        if (frame.type !== "chat.history" || frame.chatId !== c.chatId) return;
        for (const m of frame.messages) if (m.clientId) ids.add(m.clientId);
        if (!frame.hasMore) {
          clearTimeout(timer);
          done();
        } else ws.send(JSON.stringify({ type: "chat.sync", chatId: c.chatId, afterSeq: frame.messages.at(-1)?.seq ?? 0 }));
      };
      ws.send(JSON.stringify({ type: "chat.sync", chatId: c.chatId, afterSeq: 0 }));
    });
    stored += lost.filter((id) => seen.has(id)).length;
    log(`storm: chat ${c.chatId} (customer ${c.i}): lost ${lost.join(", ")}; in the room: ${lost.filter((id) => seen.has(id)).join(", ") || "none"}; customer's last seq ${c.lastSeq}`);
  }
  return stored;
}

/** Runs the storm on the scale step's sockets and prints its figures. */
export async function reconnectStorm(ctx) {
  const { chats, accepted, attendants, figure } = ctx;
  const items = attendants.map((a) => accepted.filter((c) => c.ownerId === a.id).map((c) => ({ chatId: c.chatId, clientId: `storm-${c.i}` })));
  const expected = new Map(chats.map((c) => [c.chatId, []]));
  for (const list of items) for (const m of list) expected.get(m.chatId).push(m.clientId);
  for (const c of chats) {
    c.got = new Map();
    follow(c, c.ws);
  }
  const acked = new Set();
  for (const a of attendants) followAttendant(a, acked);
  const total = items.reduce((n, l) => n + l.length, 0);

  // The attendants write; the server goes down once half of it was stored.
  let down = false;
  const sending = Promise.all(attendants.map((a, k) => sendPaced(a.ws, items[k], () => down)));
  const ackDeadline = Date.now() + STORM.ackTimeoutMs;
  while (acked.size < total / 2 && Date.now() < ackDeadline) await sleep(5);
  down = true;
  const ackedBefore = acked.size;
  const stopAt = performance.now();
  const { app, direct } = await ctx.restart();
  const upAt = performance.now();
  await sending;
  figure("storm_messages", total);
  figure("storm_acknowledged_before_restart", ackedBefore);
  figure("storm_restart_s", (upAt - stopAt) / 1000);
  log(`storm: server back on ${direct.port} in ${((upAt - stopAt) / 1000).toFixed(1)} s; ${ackedBefore} of ${total} acknowledged before`);

  // BENCH_PROFILE_STORM=1: a CPU profile of the user worker from its restart to the resync (profile-room.mjs).
  const profile = process.env.BENCH_PROFILE_STORM ? await startProfile(direct.pid).catch((e) => void log(`no profile: ${e.message}`)) : null;
  const base = `http://127.0.0.1:${direct.port}`;
  const cpuBefore = workerdCpu(app.child)[direct.pid] ?? NaN;
  let failed = 0;
  let retries = 0;
  /** When each customer had its session.ready again, ms after the server was back. */
  const backAt = [];
  const order = chats.map((c) => ({ c, at: Math.random() * STORM.spreadMs })).sort((x, y) => x.at - y.at);
  const customersBack = pool(order, STORM.concurrency, async ({ c, at }) => {
    const wait = at - (performance.now() - upAt);
    if (wait > 0) await sleep(wait);
    // The widget retries a failed attempt; so does the bench, three times.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await resume(c, base, direct.port, attempt === 0);
        backAt.push(performance.now() - upAt);
        return;
      } catch (error) {
        retries++;
        if (retries <= 5) log(`storm: customer ${c.i} attempt ${attempt + 1} failed: ${error.message} ${error.cause?.code ?? error.cause?.message ?? ""}`);
        if (attempt === 2) {
          failed++;
          log(`storm: customer ${c.i} did not reconnect: ${error.message} ${error.cause?.code ?? error.cause?.message ?? ""}`);
        } else await sleep(500 * (attempt + 1));
      }
    }
  }).then(() => figure("storm_reconnect_s", (performance.now() - upAt) / 1000));
  const resynced = (async () => {
    const deadline = performance.now() + STORM.resyncTimeoutMs;
    while (missingOf(accepted, expected) > 0 && performance.now() < deadline) await sleep(20);
    return performance.now();
  })();
  const attendantStats = { failures: 0, backAt: NaN };
  await Promise.all([customersBack, reconnectAttendants(ctx, direct, attendants, items, acked, attendantStats)]);
  figure("storm_resync_s", ((await resynced) - upAt) / 1000);
  // How the wave went: half and nine tenths of the customers back, and the attempts that failed
  // (a refused or timed-out attempt waits and tries again, as the widget does).
  backAt.sort((x, y) => x - y);
  figure("storm_customers_back_p50_s", (backAt[Math.floor(backAt.length * 0.5)] ?? NaN) / 1000);
  figure("storm_customers_back_p90_s", (backAt[Math.floor(backAt.length * 0.9)] ?? NaN) / 1000);
  figure("storm_customer_retries", retries);
  figure("storm_attendants_back_s", (attendantStats.backAt - upAt) / 1000);
  figure("storm_attendant_reconnect_failures", attendantStats.failures);
  // The user worker's CPU for the whole wave (resumes, syncs, the attendants' resends, D1 copies), per customer.
  figure("storm_room_cpu_ms_per_customer", ((workerdCpu(app.child)[direct.pid] ?? NaN) - cpuBefore) / chats.length);
  for (const p of profile ? await profile(join(tmpdir(), "storm")) : []) {
    const top = p.top.map((t) => `  ${fmt(t.percent, 1)}% ${t.name}`).join("\n");
    log(`profile ${p.file}: busy ${fmt(p.busy * 100, 0)}% of ${fmt(p.ms, 0)} ms; top self time (% of busy):\n${top}`);
  }
  let duplicated = 0;
  for (const c of chats) for (const n of c.got.values()) duplicated += n - 1;
  figure("storm_reconnect_failed", failed);
  figure("storm_lost", missingOf(accepted, expected));
  // Of those, the ones the room had acknowledged to their attendant: a message the server
  // accepted and a customer never got. The rest were never stored (an attendant that gave up,
  // or a resend refused: see the refusals logged below), which the console would show unsent.
  figure("storm_lost_acknowledged", missingOf(accepted, expected, acked));
  // Where such a message is: in the room's storage (its chat's attendant reads the whole chat
  // again), so the customer's resync missed it, or not there at all, so the room acknowledged
  // a write that the restart lost.
  figure("storm_lost_acknowledged_stored", await storedOfLost(accepted, expected, acked, attendants));
  if (refusals.size) log(`storm: attendants' error frames ${JSON.stringify(Object.fromEntries(refusals))}`);
  figure("storm_duplicated", duplicated);
}
