import { describe, expect, it } from "vitest";
import type { ChatDetailResponse, SatisfactionReportResponse } from "../../worker/views";
import { api, count, createAccount, expectError, json, login } from "./helpers";
import { acceptAndClose, answerSurvey, closedChat, enableSurvey, openChat } from "./customization-helpers";

const surveysOf = (chatId: string) => count("SELECT COUNT(*) AS n FROM chat_surveys WHERE chat_id = ?", chatId);

async function report(cookie: string, query = ""): Promise<SatisfactionReportResponse> {
  const res = await api(`/api/reports/satisfaction${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<SatisfactionReportResponse>(res);
}

describe("POST /api/widget/chats/:id/survey", () => {
  it("is refused with 403 while the account has the survey turned off", async () => {
    const account = await createAccount("survey-off");
    const chat = await closedChat(account, "support1", account.departments.support);
    await expectError(await answerSurvey(account, chat.chat.id, chat.customerToken, { solved: true, grade: 5 }), 403, "survey_disabled");
    expect(await surveysOf(chat.chat.id)).toBe(0);
  });

  it("waits for the chat to close: 409 chat_not_closed before", async () => {
    const account = await createAccount("survey-open");
    await enableSurvey(account);
    const { started, agent } = await openChat(account, "support1", account.departments.support);
    await expectError(await answerSurvey(account, started.chat.id, started.customerToken, { solved: true, grade: 4 }), 409, "chat_not_closed");
    await acceptAndClose(agent, started);
    expect((await answerSurvey(account, started.chat.id, started.customerToken, { solved: true, grade: 4 })).status).toBe(201);
    agent.close();
  });

  it("takes one answer per chat: 201 with the survey, then 409", async () => {
    const account = await createAccount("survey-once");
    await enableSurvey(account);
    const chat = await closedChat(account, "support1", account.departments.support);
    const res = await answerSurvey(account, chat.chat.id, chat.customerToken, { solved: false, grade: 2, comment: "  Demorou  " });
    expect(res.status).toBe(201);
    const { survey } = await json(res);
    expect(survey).toEqual({ solved: false, grade: 2, comment: "Demorou", createdAt: expect.any(Number) });
    await expectError(await answerSurvey(account, chat.chat.id, chat.customerToken, { solved: true, grade: 5 }), 409, "survey_already_answered");
    expect(await surveysOf(chat.chat.id)).toBe(1);
  });

  it("keeps exactly one answer when two arrive at once", async () => {
    const account = await createAccount("survey-race");
    await enableSurvey(account);
    const chat = await closedChat(account, "support1", account.departments.support);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((grade) => answerSurvey(account, chat.chat.id, chat.customerToken, { solved: true, grade })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await surveysOf(chat.chat.id)).toBe(1);
  });

  it("answers 404 for another customer's chat and 401 without a token of this account", async () => {
    const account = await createAccount("survey-foreign");
    const other = await createAccount("survey-foreign-other");
    await enableSurvey(account);
    const chat = await closedChat(account, "support1", account.departments.support);
    const { started: stranger, agent } = await openChat(account, "support2", account.departments.support);
    agent.close();
    await expectError(await answerSurvey(account, chat.chat.id, stranger.customerToken, { solved: true, grade: 1 }), 404, "not_found");
    await expectError(await answerSurvey(account, "no-such-chat", chat.customerToken, { solved: true, grade: 1 }), 404, "not_found");
    const outsider = await closedChat(other, "sales", other.departments.sales);
    await expectError(await answerSurvey(account, chat.chat.id, outsider.customerToken, { solved: true, grade: 1 }), 401, "invalid_token");
    await expectError(await api(`/api/widget/chats/${chat.chat.id}/survey`, { body: { account: account.publicKey, solved: true, grade: 1 } }), 401);
    expect(await surveysOf(chat.chat.id)).toBe(0);
  });

  it.each([
    ["a grade of 0", { solved: true, grade: 0 }],
    ["a grade of 6", { solved: true, grade: 6 }],
    ["a fractional grade", { solved: true, grade: 3.5 }],
    ["no solved answer", { grade: 3 }],
    ["a comment over 1000 characters", { solved: true, grade: 3, comment: "x".repeat(1001) }],
  ])("refuses %s with 400", async (_, body) => {
    const account = await createAccount("survey-invalid");
    await enableSurvey(account);
    const chat = await closedChat(account, "support1", account.departments.support);
    await expectError(await answerSurvey(account, chat.chat.id, chat.customerToken, body), 400, "bad_request");
    expect(await surveysOf(chat.chat.id)).toBe(0);
  });
});

describe("the answer in the console", () => {
  it("shows in GET /api/chats/:id, and null before", async () => {
    const account = await createAccount("survey-detail");
    const admin = await enableSurvey(account);
    const chat = await closedChat(account, "support1", account.departments.support);
    expect((await json<ChatDetailResponse>(await api(`/api/chats/${chat.chat.id}`, { cookie: admin }))).survey).toBeNull();
    await answerSurvey(account, chat.chat.id, chat.customerToken, { solved: true, grade: 5, comment: "Ótimo" });
    const detail = await json<ChatDetailResponse>(await api(`/api/chats/${chat.chat.id}`, { cookie: admin }));
    expect(detail.survey).toMatchObject({ solved: true, grade: 5, comment: "Ótimo" });
  });

  it("is averaged per attendant and per department over the departments the viewer may see", async () => {
    const account = await createAccount("survey-report");
    const other = await createAccount("survey-report-other");
    const admin = await enableSurvey(account);
    await enableSurvey(other);
    const { support, sales } = account.departments;
    const answers = [
      ["support1", support, true, 5],
      ["support1", support, false, 2],
      ["support2", support, true, 4],
      ["sales", sales, true, 3],
    ] as const;
    for (const [attendant, department, solved, grade] of answers) {
      const chat = await closedChat(account, attendant, department);
      expect((await answerSurvey(account, chat.chat.id, chat.customerToken, { solved, grade })).status).toBe(201);
    }
    const foreign = await closedChat(other, "support1", other.departments.support);
    await answerSurvey(other, foreign.chat.id, foreign.customerToken, { solved: false, grade: 1 });

    const all = await report(admin);
    const { attendants: people } = account;
    expect(all.byDepartment).toEqual([
      { id: sales, name: "Comercial", answers: 1, averageGrade: 3, solvedRate: 1 },
      { id: support, name: "Suporte", answers: 3, averageGrade: 11 / 3, solvedRate: 2 / 3 },
    ]);
    expect(all.byAttendant).toEqual([
      { id: people.sales.id, name: people.sales.name, answers: 1, averageGrade: 3, solvedRate: 1 },
      { id: people.support1.id, name: people.support1.name, answers: 2, averageGrade: 3.5, solvedRate: 0.5 },
      { id: people.support2.id, name: people.support2.name, answers: 1, averageGrade: 4, solvedRate: 1 },
    ]);

    const salesView = await report(await login(people.sales.email));
    expect(salesView.byDepartment.map((d) => d.id)).toEqual([sales]);
    expect(salesView.byAttendant.map((a) => a.id)).toEqual([people.sales.id]);
    const managerView = await report(await login(people.manager.email));
    expect(managerView.byDepartment.map((d) => d.id)).toEqual([support]);
    expect(managerView.byAttendant.map((a) => a.id).sort()).toEqual([people.support1.id, people.support2.id].sort());

    expect(await report(admin, `?from=${Date.now() + 60_000}`)).toEqual({ byAttendant: [], byDepartment: [] });
    await expectError(await api("/api/reports/satisfaction"), 401, "unauthenticated");
  });
});
