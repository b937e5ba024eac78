import { IDENTITY_HEADER, type Identity } from "../durable-objects/identity";

/**
 * Hands a WebSocket upgrade to a department room with the identity the Worker established.
 * A fresh request is built so that no header sent by the client (a forged identity included)
 * reaches the room.
 */
export function forwardSocket(request: Request, room: DurableObjectStub, who: Identity): Promise<Response> {
  const url = new URL(request.url);
  const forwarded = new Request(`https://room/socket?v=${encodeURIComponent(url.searchParams.get("v") ?? "")}`, {
    headers: { Upgrade: "websocket", [IDENTITY_HEADER]: JSON.stringify(who) },
  });
  return room.fetch(forwarded);
}
