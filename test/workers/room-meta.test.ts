import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DepartmentRoom, type OpenChatInput } from "../../durable-objects/department-room";
import type { RoomMeta } from "../../durable-objects/room-storage";
import { attendantSocket, createAccount, room } from "./helpers";

function freshIdentity(): RoomMeta {
  return { accountId: crypto.randomUUID(), departmentId: crypto.randomUUID() };
}

function roomOf(meta: RoomMeta) {
  return env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${meta.accountId}:${meta.departmentId}`));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the room knows who it is", () => {
  it("an attendant's socket records the room's account and department", async () => {
    const account = await createAccount("meta-socket");
    const socket = await attendantSocket(account.attendants.support1.email, account.departments.support);
    expect(await runInDurableObject(room(account, account.departments.support), (instance) => instance.storage.meta())).toEqual({
      accountId: account.id,
      departmentId: account.departments.support,
    });
    socket.close();
  });

  it("identify() records it once, answers true again, and refuses another account or department without overwriting", async () => {
    const meta = freshIdentity();
    const stub = roomOf(meta);
    expect(await stub.identify(meta)).toBe(true);
    expect(await stub.identify(meta)).toBe(true);
    expect(await stub.identify({ ...meta, accountId: crypto.randomUUID() })).toBe(false);
    expect(await stub.identify({ ...meta, departmentId: crypto.randomUUID() })).toBe(false);
    expect(await runInDurableObject(stub, (instance) => instance.storage.meta())).toEqual(meta);
  });

  it("openChat for another account is refused and stores nothing", async () => {
    const meta = freshIdentity();
    const stub = roomOf(meta);
    await stub.identify(meta);
    const input: OpenChatInput = {
      chat: {
        id: crypto.randomUUID(),
        accountId: crypto.randomUUID(),
        departmentId: meta.departmentId,
        customer: { id: crypto.randomUUID(), name: "Maria", email: "maria@example.com" },
        origin: "widget",
        pageUrl: null,
        createdAt: Date.now(),
      },
      customerIsNew: true,
      initialMessage: null,
      firstMessage: "Olá",
    };
    // Inside the object: a rejected RPC is also reported by the pool as an unhandled rejection.
    const refused = await runInDurableObject(stub, (instance) => instance.openChat(input).then(() => "", (e: unknown) => String(e)));
    expect(refused).toMatch(/another department/);
    expect(await stub.getChat(input.chat.id)).toBeNull();
  });

  it("an alarm that wakes an idle, evicted room reads its account and department", async () => {
    const meta = freshIdentity();
    const stub = roomOf(meta);
    await stub.identify(meta);
    await runInDurableObject(stub, async (instance, state) => {
      Object.assign(instance, { beforeEviction: true });
      await state.storage.setAlarm(Date.now() + 60 * 60_000);
    });
    await abortAllDurableObjects();

    const seen: { fresh: boolean; meta: RoomMeta | null }[] = [];
    const alarm = DepartmentRoom.prototype.alarm;
    vi.spyOn(DepartmentRoom.prototype, "alarm").mockImplementation(async function (this: DepartmentRoom) {
      seen.push({ fresh: !("beforeEviction" in this), meta: this.storage.meta() });
      return alarm.call(this);
    });
    // The alarm is the new instance's first event: no request carries the identity.
    expect(await runDurableObjectAlarm(env.DEPARTMENT.get(stub.id))).toBe(true);
    expect(seen).toEqual([{ fresh: true, meta }]);
  });
});
