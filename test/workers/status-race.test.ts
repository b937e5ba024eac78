/**
 * An attendant's status has one writer, D1, and every write moves `chat_status_version`. A room
 * keeps the newest status it heard, so a socket that opens with a read of D1 made before a
 * change (the console connecting while its "online" button is pressed) cannot undo the change,
 * and neither can a late call to the room.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { IDENTITY_HEADER, type AttendantIdentity } from "../../durable-objects/identity";
import { PROTOCOL_VERSION } from "../../durable-objects/protocol";
import { api, createAccount, json, login, room, settle, TestSocket, type TestAccount, type TestAttendant } from "./helpers";

async function statusRow(who: TestAttendant) {
  return (await env.DB.prepare("SELECT chat_status AS status, chat_status_version AS version FROM attendants WHERE id = ?").bind(who.id).first()) as {
    status: "online" | "offline";
    version: number;
  };
}

async function setStatus(cookie: string, status: "online" | "offline") {
  const res = await api("/api/me/status", { method: "PUT", cookie, body: { status } });
  expect(res.status).toBe(200);
}

/** A socket as the Worker forwards it to the room, with the status it read from D1. */
async function socketWithRead(account: TestAccount, departmentId: string, who: TestAttendant, read: { status: "online" | "offline"; version: number }) {
  const identity: AttendantIdentity = {
    role: "attendant",
    accountId: account.id,
    departmentId,
    attendantId: who.id,
    name: who.name,
    attendantRole: "attendant",
    status: read.status,
    statusVersion: read.version,
    attends: true,
    supervises: false,
    maxChats: null,
  };
  const res = await room(account, departmentId).fetch(`https://room/ws?v=${PROTOCOL_VERSION}`, {
    headers: { Upgrade: "websocket", [IDENTITY_HEADER]: JSON.stringify(identity) },
  });
  expect(res.status).toBe(101);
  res.webSocket!.accept();
  return new TestSocket(res.webSocket!);
}

async function widgetOnline(account: TestAccount, departmentId: string) {
  const body = await json<{ departments: { id: string; online: boolean }[] }>(await api(`/api/widget/config?account=${account.publicKey}`));
  return body.departments.find((d) => d.id === departmentId)?.online;
}

describe("an attendant's status", () => {
  it("moves its version with every write: the status button, a login, a deactivation", async () => {
    const account = await createAccount("status-version");
    const who = account.attendants.support1;
    const start = (await statusRow(who)).version;
    const cookie = await login(who.email);
    expect(await statusRow(who)).toEqual({ status: "online", version: start + 1 });
    await setStatus(cookie, "offline");
    await setStatus(cookie, "online");
    expect(await statusRow(who)).toEqual({ status: "online", version: start + 3 });

    const admin = await login(account.attendants.admin.email);
    const res = await api(`/api/attendants/${who.id}`, { method: "PATCH", cookie: admin, body: { active: false } });
    expect(res.status).toBe(200);
    expect(await statusRow(who)).toEqual({ status: "offline", version: start + 4 });
  });

  it("is not undone by a socket that read it before the change, nor by an older call to the room", async () => {
    const account = await createAccount("status-race");
    const { support } = account.departments;
    const who = account.attendants.support1;
    const cookie = await login(who.email);
    await setStatus(cookie, "offline");
    // The Worker reads the row for a socket on its way to the room...
    const read = await statusRow(who);
    expect(read.status).toBe("offline");
    // ...and the attendant presses "online" before the socket arrives.
    await setStatus(cookie, "online");

    const socket = await socketWithRead(account, support, who, read);
    const ready = await socket.next("session.ready");
    expect(ready.attendants.find((a) => a.id === who.id)?.status).toBe("online");
    expect(ready.online).toBe(true);
    expect(await widgetOnline(account, support)).toBe(true);

    // A call carrying the older write changes nothing and tells no one.
    await settle(socket);
    const told = socket.frames.length;
    await room(account, support).setAttendantStatus({ id: who.id, name: who.name }, read);
    expect(await widgetOnline(account, support)).toBe(true);
    const late = await socketWithRead(account, support, who, await statusRow(who));
    expect((await late.next("session.ready")).attendants.find((a) => a.id === who.id)?.status).toBe("online");
    await settle(socket);
    expect(socket.frames.slice(told).map((f) => f.type)).toEqual(["pong"]);

    // A newer read still wins: offline from the status button reaches the room and the widget.
    await setStatus(cookie, "offline");
    expect(await widgetOnline(account, support)).toBe(false);
    socket.ws.close();
    late.ws.close();
  });
});
