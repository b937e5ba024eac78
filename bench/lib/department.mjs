// Sets up dep-suporte for the load: five attendants online with a socket each, 200 customers
// with a chat each, the chats spread evenly over the attendants with `chat.accept`.
import { login, openSocket, pool, setOnline, startChat, wsToken } from "./clients.mjs";
import { log } from "./stats.mjs";

const DEPARTMENT = "dep-suporte";
const ACCEPT_TIMEOUT_MS = 20_000;

/** Logs the attendants in (through `base`) and makes sure each is online. */
export async function loginAttendants(base, accounts) {
  const attendants = [];
  for (const { email, password } of accounts) {
    const a = await login(base, email, password);
    // The demo manager's chat_status_on_login is 'offline': they choose online, as in the console.
    if (a.chatStatus !== "online") await setOnline(base, a);
    attendants.push(a);
  }
  return attendants;
}

/** One department socket per attendant on `port`; returns `{ sockets, onlineCount }`. */
export async function connectAttendants(apiBase, port, attendants) {
  const sockets = [];
  let ready = null;
  for (const a of attendants) {
    const token = await wsToken(apiBase, a);
    const ws = await openSocket(`ws://127.0.0.1:${port}/api/ws?token=${encodeURIComponent(token)}&department=${DEPARTMENT}&v=1`);
    ready = ws.ready;
    sockets.push({ id: a.id, ws });
  }
  const onlineCount = ready.attendants.filter((a) => a.status === "online").length;
  return { sockets, onlineCount };
}

/**
 * Customer `i` starts its chat from its own address in 198.18.0.0/15 (the range RFC 2544 sets
 * aside for benchmarks): the public limiter counts per cf-connecting-ip, as it would for 200
 * real visitors (the chat socket's upgrade is counted too, from the same address).
 * Returns `[{ chatId, wsUrl, ip }]`.
 */
export async function startChats(base, count) {
  const started = performance.now();
  const chats = await pool(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const ip = `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const body = await startChat(base, i, ip);
    return { chatId: body.chat.id, wsUrl: body.ws.url, ip };
  });
  log(`${count} chats started in ${Math.round(performance.now() - started)} ms`);
  return chats;
}

/** Attendant k accepts chats [k·n/m, (k+1)·n/m); resolves when every owner saw its chat.accepted. */
export async function acceptEvenly(chats, sockets) {
  const per = Math.ceil(chats.length / sockets.length);
  const waiting = new Set(chats.map((c) => c.chatId));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${waiting.size} chats not accepted in time`)), ACCEPT_TIMEOUT_MS);
    for (const s of sockets) {
      s.ws.onFrame = (frame) => {
        if (frame.type === "error") {
          clearTimeout(timer);
          return reject(new Error(`accept refused: ${frame.code} ${frame.message}`));
        }
        if (frame.type !== "chat.accepted" || frame.chat.attendant?.id !== s.id) return;
        waiting.delete(frame.chat.id);
        if (waiting.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
    }
    chats.forEach((chat, i) => {
      const owner = sockets[Math.floor(i / per)];
      chat.ownerId = owner.id;
      owner.ws.send(JSON.stringify({ type: "chat.accept", chatId: chat.chatId }));
    });
  });
  for (const s of sockets) s.ws.onFrame = () => {};
}

/** Opens every customer's chat socket on `port` (the ws.url the API gave, on that port). */
export function connectCustomers(chats, port) {
  return pool(chats, 20, async (chat) => {
    const url = new URL(chat.wsUrl);
    url.port = String(port);
    return { chatId: chat.chatId, ownerId: chat.ownerId, ws: await openSocket(url.toString(), { "cf-connecting-ip": chat.ip }) };
  });
}
