/**
 * docs/API.md "Visibility": who sees what, per role, and one answer for what one may not see.
 * Each refusal of a hidden resource is compared with the answer for an id that does not exist:
 * status, code and message must be identical, so no answer tells whether an id exists.
 */
import { describe, expect, it } from "vitest";
import type { OfflineMessagesResponse, SatisfactionReportResponse } from "../../worker/views";
import type { ServerFrame } from "../../durable-objects/protocol";
import { api, attendantSocket, createAccount, customerSocket, json, login, settle, startChat, type TestAccount, type TestSocket } from "./helpers";
import { answerSurvey, closedChat, enableSurvey } from "./customization-helpers";
import { leaveOfflineMessage } from "./offline-mail-helpers";

type Init = Parameters<typeof api>[1];

/** Status and body of an answer, for comparing two answers whole. */
async function answer(path: string, init: Init) {
  const res = await api(path, init);
  return { status: res.status, body: await res.json() };
}

/** Asserts that `path` answers for `hiddenId` exactly as for an id that does not exist: a 404 `not_found`. */
async function sameAsUnknown(path: (id: string) => string, hiddenId: string, init: Init) {
  const hidden = await answer(path(hiddenId), init);
  const unknown = await answer(path(crypto.randomUUID()), init);
  expect(hidden, path(hiddenId)).toEqual(unknown);
  expect(hidden.status, path(hiddenId)).toBe(404);
  expect((hidden.body as { error: { code: string } }).error.code).toBe("not_found");
}

/** The error frame a socket gets for `frame`, without the ids it echoes. */
async function frameRefusal(socket: TestSocket, frame: Record<string, unknown>) {
  socket.send(frame as never);
  const error = (await socket.next("error")) as Extract<ServerFrame, { type: "error" }>;
  return { code: error.code, message: error.message };
}

const cookiesOf = async (account: TestAccount) => ({
  admin: await login(account.attendants.admin.email),
  manager: await login(account.attendants.manager.email),
  support1: await login(account.attendants.support1.email),
  support2: await login(account.attendants.support2.email),
  sales: await login(account.attendants.sales.email),
});

describe("satisfaction report: rows per attendant", () => {
  it("an administrator sees every row, a manager their departments' and their own, a plain attendant only their own; department totals are unchanged", async () => {
    const account = await createAccount("vis-report");
    await enableSurvey(account);
    const { support, sales } = account.departments;
    const people = account.attendants;
    for (const [who, department, grade] of [["support1", support, 5], ["support2", support, 3], ["sales", sales, 4], ["manager", support, 2]] as const) {
      const chat = await closedChat(account, who, department);
      expect((await answerSurvey(account, chat.chat.id, chat.customerToken, { solved: true, grade })).status).toBe(201);
    }
    const cookies = await cookiesOf(account);
    const report = async (cookie: string) => json<SatisfactionReportResponse>(await api("/api/reports/satisfaction", { cookie }));
    const rows = async (cookie: string) => (await report(cookie)).byAttendant.map((r) => r.id).sort();

    expect(await rows(cookies.admin)).toEqual([people.manager.id, people.sales.id, people.support1.id, people.support2.id].sort());
    expect(await rows(cookies.manager)).toEqual([people.manager.id, people.support1.id, people.support2.id].sort());
    expect(await rows(cookies.support1)).toEqual([people.support1.id]);
    expect(await rows(cookies.sales)).toEqual([people.sales.id]);
    // The totals of one's departments still count everyone's answers there.
    const supportTotal = { id: support, name: "Suporte", answers: 3, averageGrade: 10 / 3, solvedRate: 1 };
    expect((await report(cookies.support1)).byDepartment).toEqual([supportTotal]);
    expect((await report(cookies.support1)).byAttendant).toEqual([{ id: people.support1.id, name: people.support1.name, answers: 1, averageGrade: 5, solvedRate: 1 }]);
  });
});

describe("offline messages without a department", () => {
  it("are seen, answered and converted by administrators and managers; plain attendants get the 404 of an unknown id", async () => {
    const account = await createAccount("vis-offline");
    const cookies = await cookiesOf(account);
    const loose = await leaveOfflineMessage(account, { departmentId: undefined });
    const toSales = await leaveOfflineMessage(account, { departmentId: account.departments.sales });
    const listed = async (cookie: string) => (await json<OfflineMessagesResponse>(await api("/api/offline-messages", { cookie }))).offlineMessages.map((m) => m.id);

    expect((await listed(cookies.admin)).sort()).toEqual([loose, toSales].sort());
    expect(await listed(cookies.manager)).toEqual([loose]);
    expect(await listed(cookies.support1)).toEqual([]);
    expect(await listed(cookies.sales)).toEqual([toSales]);

    for (const cookie of [cookies.support1, cookies.sales]) {
      await sameAsUnknown((id) => `/api/offline-messages/${id}`, loose, { cookie });
      await sameAsUnknown((id) => `/api/offline-messages/${id}/replies`, loose, { cookie, body: { body: "Olá" } });
      await sameAsUnknown((id) => `/api/offline-messages/${id}/ticket`, loose, { cookie, method: "POST" });
    }
    // Another department's message: the same 404 for the manager of support and support's attendant.
    for (const cookie of [cookies.manager, cookies.support1]) {
      await sameAsUnknown((id) => `/api/offline-messages/${id}`, toSales, { cookie });
      await sameAsUnknown((id) => `/api/offline-messages/${id}/ticket`, toSales, { cookie, method: "POST" });
    }
    expect((await api(`/api/offline-messages/${loose}`, { cookie: cookies.manager })).status).toBe(200);
    expect((await api(`/api/offline-messages/${loose}/ticket`, { cookie: cookies.manager, method: "POST" })).status).toBe(201);
  });
});

describe("chats: one 404 for hidden and unknown ids over HTTP", () => {
  it("every chat route answers a chat of another department, or another account, as an unknown id", async () => {
    const account = await createAccount("vis-chat-http");
    const other = await createAccount("vis-chat-http-other");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await agent.next("chat.accepted");
    const chatId = started.chat.id;
    const outsiders = [await login(account.attendants.sales.email), await login(other.attendants.admin.email)];
    for (const cookie of outsiders) {
      await sameAsUnknown((id) => `/api/chats/${id}`, chatId, { cookie });
      await sameAsUnknown((id) => `/api/chats/${id}/visitor`, chatId, { cookie });
      await sameAsUnknown((id) => `/api/chats/${id}/labels`, chatId, { cookie, method: "PUT", body: { labelIds: [] } });
      await sameAsUnknown((id) => `/api/chats/${id}/ticket`, chatId, { cookie, method: "POST" });
      await sameAsUnknown((id) => `/api/chats/${id}/transfer`, chatId, { cookie, body: { departmentId: account.departments.sales } });
      await sameAsUnknown((id) => `/api/chats/${id}/transfer-targets`, chatId, { cookie });
      await sameAsUnknown((id) => `/api/chats/${id}/attachments/${crypto.randomUUID()}`, chatId, { cookie });
    }
    agent.close();
  });

  it("403 stays where the chat is visible but the role may not act: a colleague transferring another's chat", async () => {
    const account = await createAccount("vis-chat-403");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await agent.next("chat.accepted");
    const colleague = await login(account.attendants.support2.email);
    expect((await api(`/api/chats/${started.chat.id}`, { cookie: colleague })).status).toBe(200);
    const refused = await answer(`/api/chats/${started.chat.id}/transfer`, { cookie: colleague, body: { departmentId: account.departments.sales } });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    agent.close();
  });
});

describe("chats: one not_found frame for hidden and unknown ids over WebSocket", () => {
  it("a plain attendant naming a colleague's active chat gets the frame of an unknown id, for every frame type", async () => {
    const account = await createAccount("vis-chat-ws");
    const { support } = account.departments;
    const owner = await attendantSocket(account.attendants.support1.email, support);
    const colleague = await attendantSocket(account.attendants.support2.email, support);
    const started = await startChat(account, support);
    owner.send({ type: "chat.accept", chatId: started.chat.id });
    await colleague.next("chat.accepted");
    const frames = [
      (chatId: string) => ({ type: "message.send", chatId, clientId: `x-${crypto.randomUUID()}`, body: "Oi" }),
      (chatId: string) => ({ type: "typing.set", chatId, typing: true }),
      (chatId: string) => ({ type: "message.read", chatId, seq: 1 }),
      (chatId: string) => ({ type: "chat.sync", chatId, afterSeq: 0 }),
      (chatId: string) => ({ type: "chat.close", chatId }),
    ];
    for (const make of frames) {
      const hidden = await frameRefusal(colleague, make(started.chat.id));
      const unknown = await frameRefusal(colleague, make(crypto.randomUUID()));
      expect(hidden, make("").type).toEqual(unknown);
      expect(hidden.code).toBe("not_found");
    }
    await settle(colleague);
    expect(colleague.all("chat.history")).toEqual([]);
    [owner, colleague].forEach((s) => s.close());
  });

  it("a customer naming another customer's chat gets the frame of an unknown id", async () => {
    const account = await createAccount("vis-customer-ws");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const mine = await startChat(account, support);
    const theirs = await startChat(account, support);
    const customer = await customerSocket(mine.ws);
    const hidden = await frameRefusal(customer, { type: "chat.sync", chatId: theirs.chat.id, afterSeq: 0 });
    const unknown = await frameRefusal(customer, { type: "chat.sync", chatId: crypto.randomUUID(), afterSeq: 0 });
    expect(hidden).toEqual(unknown);
    expect(hidden.code).toBe("not_found");
    [agent, customer].forEach((s) => s.close());
  });

  it("forbidden stays for a chat the attendant sees in the queue but may not act on", async () => {
    const account = await createAccount("vis-queue-403");
    const plain = await attendantSocket(account.attendants.support2.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    await plain.next("chat.queued");
    expect((await frameRefusal(plain, { type: "message.send", chatId: started.chat.id, clientId: "q-1", body: "Oi" })).code).toBe("forbidden");
    expect((await frameRefusal(plain, { type: "chat.close", chatId: started.chat.id })).code).toBe("forbidden");
    plain.close();
  });
});
