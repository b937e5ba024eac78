/**
 * Bench fixture: the least a Durable Object can do per frame with the Hibernation API, parse a
 * ping with zod and answer pong. `npm run bench` measures its round trip next to the department
 * room's delivery latency. A ping with `store: true` first writes one row to the object's SQLite:
 * its answer waits for that commit (the output gate), as every frame the room sends after storing
 * a message does, so it is the least a stored-then-delivered message can take. Never deployed.
 */
import { DurableObject } from "cloudflare:workers";
import * as z from "zod";

interface Env {
  ECHO: DurableObjectNamespace<EchoRoom>;
}

const Ping = z.object({ type: z.literal("ping"), id: z.number().int(), store: z.boolean().optional() });

export class EchoRoom extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS pings (id INTEGER NOT NULL, at INTEGER NOT NULL)");
  }

  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
    } catch {
      json = undefined;
    }
    const ping = Ping.safeParse(json);
    if (ping.success && ping.data.store) this.ctx.storage.sql.exec("INSERT INTO pings (id, at) VALUES (?, ?)", ping.data.id, Date.now());
    ws.send(JSON.stringify(ping.success ? { type: "pong", id: ping.data.id } : { type: "error", code: "bad_frame" }));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if (url.pathname !== "/ws" || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Not found", { status: 404 });
    }
    return env.ECHO.get(env.ECHO.idFromName("echo")).fetch(request);
  },
} satisfies ExportedHandler<Env>;
