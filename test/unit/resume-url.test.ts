/** The widget's direct resume URL (widget/resume-url.ts) keeps the API's host, scheme and version. */
import { describe, expect, it } from "vitest";
import { resumeUrl } from "../../widget/resume-url";

describe("resumeUrl", () => {
  it("turns the last socket URL into /api/widget/resume with the account, the chat and that URL's socket token", () => {
    const url = new URL(resumeUrl("wss://chat.example.com/api/widget/ws?token=abc.d%2Bef&v=1", "pk live", "chat-1"));
    expect(url.origin).toBe("wss://chat.example.com");
    expect(url.pathname).toBe("/api/widget/resume");
    expect(Object.fromEntries(url.searchParams)).toEqual({ account: "pk live", chat: "chat-1", token: "abc.d+ef", v: "1" });
  });
});
