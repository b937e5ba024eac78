import { describe, expect, it } from "vitest";
import type { ServerFrame, WireChat } from "../../durable-objects/protocol";
import { chatListKeys, commonKeys, messageListKeys, presenceKeys, queueKeys, selectedKeys } from "../../admin/desk-keys";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { ana, session, wireChat, wireMessage } from "./fixtures";

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A desk with two waiting chats and two of Ana's active ones, `a1` on screen. */
function desk(): Store {
  const store = new Store();
  store.signIn(session("attendant"));
  const chats: WireChat[] = [
    wireChat({ id: "w1" }),
    wireChat({ id: "w2" }),
    wireChat({ id: "a1", status: "active", attendant: ana }),
    wireChat({ id: "a2", status: "active", attendant: ana }),
  ];
  applyFrame(store, "dep-1", { type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats, attendants: [], online: true });
  store.selectedChatId = "a1";
  return store;
}

const created = (chatId: string, seq: number): ServerFrame => ({
  type: "message.created",
  message: wireMessage(seq, { id: `${chatId}-m${seq}`, chatId }),
});

describe("what each part of the desk re-renders for", () => {
  it("leaves the queue, the header and the presence list alone when a customer writes in an active chat", () => {
    const store = desk();
    const before = { queue: queueKeys(store), common: commonKeys(store), presence: presenceKeys(store), selected: selectedKeys(store) };
    applyFrame(store, "dep-1", created("a2", 1));
    expect(same(queueKeys(store), before.queue)).toBe(true);
    expect(same(commonKeys(store), before.common)).toBe(true);
    expect(same(presenceKeys(store), before.presence)).toBe(true);
    // Another chat than the one on screen: the chat window stays as it is.
    expect(same(selectedKeys(store), before.selected)).toBe(true);
  });

  it("re-renders the chat list for an unread message, and the open chat's message list for its own", () => {
    const store = desk();
    const list = chatListKeys(store);
    applyFrame(store, "dep-1", created("a2", 1));
    expect(same(chatListKeys(store), list)).toBe(false);
    const selected = selectedKeys(store);
    const messages = messageListKeys(store, store.selected!);
    applyFrame(store, "dep-1", created("a1", 1));
    expect(same(messageListKeys(store, store.selected!), messages)).toBe(false);
    // The first message ends the loading line; later ones leave the window's header and details alone.
    expect(same(selectedKeys(store), selected)).toBe(false);
    const second = selectedKeys(store);
    applyFrame(store, "dep-1", created("a1", 2));
    expect(same(selectedKeys(store), second)).toBe(true);
  });

  it("re-renders the queue when a customer starts waiting, or a waiting chat is being accepted", () => {
    const store = desk();
    let keys = queueKeys(store);
    applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat({ id: "w3" }) });
    expect(same(queueKeys(store), keys)).toBe(false);
    keys = queueKeys(store);
    store.accepting.add("w1");
    expect(same(queueKeys(store), keys)).toBe(false);
  });

  it("follows a department's connection and the language", () => {
    const store = desk();
    let keys = commonKeys(store);
    store.departments.get("dep-1")!.connection = "reconnecting";
    expect(same(commonKeys(store), keys)).toBe(false);
    keys = commonKeys(store);
    store.setLocale(store.locale === "en" ? "es" : "en");
    expect(same(commonKeys(store), keys)).toBe(false);
  });
});
