/**
 * The widget's chat controller (widget/chat-controller.ts) while its chat waits: the live
 * queue position, a busy department (attendants online, all full), and the department's close
 * (`queue.closed`), which the panel turns into the pre-filled offline form. In Node with fake sockets.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatController, type ChatHost } from "../../widget/chat-controller";
import type { PanelBoot } from "../../widget/contract";
import { addPortuguese, textsFor } from "../../widget/i18n";
import { ptChat } from "../../widget/i18n-pt-chat";
// The English and Spanish texts register themselves, as their scripts do in a page.
import "../../widget/lang-en";
import "../../widget/lang-es";
import { FakeSocket } from "./fake-socket";
import { wireChat } from "./fixtures";

function makeHost(): ChatHost {
  const boot = { account: "pk", server: "https://chat.test" } as PanelBoot;
  return Object.assign(new EventTarget(), {
    boot,
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  });
}

async function waitingChat(onQueueClosed = vi.fn()) {
  const controller = new ChatController(makeHost(), { onExpired: () => {}, onClosed: () => {}, onUnsupported: () => {}, onQueueClosed });
  controller.enter(wireChat({ status: "waiting" }), "wss://chat.test/api/widget/ws?token=t", true);
  await vi.advanceTimersByTimeAsync(0);
  const socket = FakeSocket.last;
  socket.open();
  socket.receive({ type: "session.ready", v: 1, role: "customer", departmentId: "dep-1", chats: [], attendants: [], online: false, busy: true });
  return { controller, socket };
}

describe("widget chat controller: the queue", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("follows its position live, counts a busy department as attended, and forgets the position once accepted", async () => {
    const { controller, socket } = await waitingChat();
    expect(controller.online).toBe(true);
    socket.receive({ type: "queue.position", chatId: "chat-1", position: 3, waiting: 3 });
    expect(controller.position).toBe(3);
    socket.receive({ type: "queue.position", chatId: "other", position: 1, waiting: 3 });
    socket.receive({ type: "queue.position", chatId: "chat-1", position: 2, waiting: 2 });
    expect(controller.position).toBe(2);
    socket.receive({ type: "chat.accepted", chat: wireChat({ status: "active" }) });
    expect(controller.chat?.status).toBe("active");
    controller.reset();
  });

  it("at the department's close it is told once, keeps the chat and its socket, and goes on if the department opens again", async () => {
    const onQueueClosed = vi.fn();
    const { controller, socket } = await waitingChat(onQueueClosed);
    const opensAt = Date.now() + 3_600_000;
    socket.receive({ type: "queue.closed", chatId: "chat-1", opensAt });
    expect(controller.queueClosed).toBe(true);
    expect(controller.opensAt).toBe(opensAt);
    expect(onQueueClosed).toHaveBeenCalledWith(expect.objectContaining({ id: "chat-1" }));
    expect(controller.isOpen).toBe(true);
    socket.receive({ type: "presence.changed", attendants: [], online: true });
    expect(controller.queueClosed).toBe(false);
    controller.reset();
  });

  it("says the position in the three languages", () => {
    // A chat's Portuguese texts come with /widget-chat.js (chat-chunk.ts adds them the same way).
    addPortuguese(ptChat);
    expect(textsFor("pt-BR", undefined).queuePosition(3)).toBe("Você é o 3º da fila.");
    expect(textsFor("en", undefined).queuePosition(3)).toBe("You are number 3 in the queue.");
    expect(textsFor("es", undefined).queuePosition(3)).toBe("Usted es el número 3 en la cola.");
  });
});
