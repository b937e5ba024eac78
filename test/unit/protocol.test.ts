import { describe, expect, it } from "vitest";
import { ClientFrameSchema as ClientFrame } from "../../durable-objects/frame-schemas";
import { MAX_MESSAGE_LENGTH } from "../../durable-objects/protocol";

const chatId = "0f8b8c1e-2f1a-4d7e-9a53-1c2d3e4f5a6b";

function parse(frame: unknown) {
  return ClientFrame.safeParse(frame);
}

describe("ClientFrame accepts every frame type of protocol v1", () => {
  it.each([
    ["message.send", { type: "message.send", chatId, clientId: "c-1", body: "Olá" }],
    ["typing.set", { type: "typing.set", chatId, typing: true }],
    ["message.read", { type: "message.read", chatId, seq: 3 }],
    ["chat.sync", { type: "chat.sync", chatId, afterSeq: 0 }],
    ["chat.accept", { type: "chat.accept", chatId }],
    ["chat.close", { type: "chat.close", chatId }],
    ["ping", { type: "ping" }],
  ])("parses %s", (_, frame) => {
    const result = parse(frame);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(frame);
  });

  it("accepts a body of exactly 5,000 characters, trimming the edges", () => {
    const body = "a".repeat(MAX_MESSAGE_LENGTH);
    const result = parse({ type: "message.send", chatId, clientId: "c-1", body: `  ${body}\n` });
    expect(result.success).toBe(true);
    expect(result.success && result.data.type === "message.send" && result.data.body).toBe(body);
  });

  it("drops fields it does not know instead of passing them on", () => {
    const result = parse({ type: "chat.accept", chatId, attendantId: "someone-else" });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ type: "chat.accept", chatId });
  });
});

describe("ClientFrame refuses malformed frames", () => {
  it.each([
    ["an unknown type", { type: "chat.delete", chatId }],
    ["no type", { chatId }],
    ["a non-object", "ping"],
    ["null", null],
    ["an array", [{ type: "ping" }]],
  ])("refuses %s", (_, frame) => {
    expect(parse(frame).success).toBe(false);
  });

  it.each([
    ["message.send without chatId", { type: "message.send", clientId: "c-1", body: "Olá" }],
    ["message.send without clientId", { type: "message.send", chatId, body: "Olá" }],
    ["message.send without body", { type: "message.send", chatId, clientId: "c-1" }],
    ["typing.set without typing", { type: "typing.set", chatId }],
    ["typing.set with a string flag", { type: "typing.set", chatId, typing: "yes" }],
    ["message.read without seq", { type: "message.read", chatId }],
    ["chat.sync without afterSeq", { type: "chat.sync", chatId }],
    ["chat.accept without chatId", { type: "chat.accept" }],
    ["chat.close with an empty chatId", { type: "chat.close", chatId: "" }],
    ["a chatId over 64 characters", { type: "chat.accept", chatId: "x".repeat(65) }],
    ["a clientId over 64 characters", { type: "message.send", chatId, clientId: "x".repeat(65), body: "Olá" }],
  ])("refuses %s", (_, frame) => {
    expect(parse(frame).success).toBe(false);
  });

  it("refuses a body over 5,000 characters", () => {
    expect(parse({ type: "message.send", chatId, clientId: "c-1", body: "a".repeat(MAX_MESSAGE_LENGTH + 1) }).success).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["spaces", "   "],
    ["newlines and tabs", "\n\t \r\n"],
  ])("refuses a body that is %s", (_, body) => {
    expect(parse({ type: "message.send", chatId, clientId: "c-1", body }).success).toBe(false);
  });

  it.each([
    ["fractional", 1.5],
    ["negative", -1],
    ["a numeric string", "3"],
    ["NaN", Number.NaN],
    ["infinite", Number.POSITIVE_INFINITY],
  ])("refuses a seq that is %s", (_, seq) => {
    expect(parse({ type: "message.read", chatId, seq }).success).toBe(false);
    expect(parse({ type: "chat.sync", chatId, afterSeq: seq }).success).toBe(false);
  });
});
