import { describe, expect, it } from "vitest";
import { ApiError } from "../../admin/api";
import { t } from "../../admin/i18n";
import { answerErrorKey, deliveryKey, OFFLINE_STATUSES, statusKey } from "../../admin/offline-thread";

describe("the Mensagens Offline thread's texts", () => {
  it("labels every status and delivery state", () => {
    expect(OFFLINE_STATUSES.map((s) => t(statusKey(s)))).toEqual(["Nova", "Respondida", "Virou chamado"]);
    expect((["sent", "queued", "failed"] as const).map((state) => t(deliveryKey({ state, error: null })))).toEqual(["enviado", "na fila", "falhou"]);
  });

  it("explains the contract's refusals and falls back to the general errors", () => {
    expect(answerErrorKey(new ApiError(409, "email_not_configured", "x"))).toBe("offline.answer.notConfigured");
    expect(answerErrorKey(new ApiError(409, "converted_to_ticket", "x"))).toBe("offline.answer.converted");
    expect(answerErrorKey(new ApiError(403, "forbidden", "x"))).toBe("notice.forbidden");
    expect(answerErrorKey(new Error("boom"))).toBe("error.generic");
  });
});
