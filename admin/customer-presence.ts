/**
 * The customer's presence in the console (issue 12, defect 6): "No site" while a socket of theirs
 * is open, "Saiu há N min" once they left (durable-objects/customer-presence.ts tells it with
 * `customerLeftAt`), "Não abriu o chat" when their widget never connected, and abandoned chats,
 * which leave the console's queue until their customer returns (then a `chat.queued` brings them
 * back, and the new-chat alert with it).
 */
import { css, html, nothing } from "lit";
import type { ServerFrame, WireChat } from "../durable-objects/protocol";
import { t } from "./i18n";
import type { Store } from "./store";

/** The presence line of a chat, or null when the room has not said (an older room, a closed chat). */
export function presenceText(chat: WireChat, now: number): string | null {
  if (chat.status === "closed" || chat.customerLeftAt === undefined) return null;
  if (chat.customerLeftAt === null) return t("presence.here");
  // The room's arrival check marks a customer whose widget never connected as left when the chat began.
  if (chat.customerLeftAt === chat.createdAt) return t("presence.neverCame");
  const minutes = Math.floor(Math.max(0, now - chat.customerLeftAt) / 60_000);
  if (minutes < 1) return t("presence.leftNow");
  return minutes === 1 ? t("presence.leftOne") : t("presence.leftMinutes", { n: minutes });
}

/** A small badge with the presence (nothing when unknown); the dot's colour is never the only sign. */
export function presenceBadge(chat: WireChat, now: number) {
  const text = presenceText(chat, now);
  if (text === null) return nothing;
  const here = chat.customerLeftAt === null;
  return html`<span class="presence ${here ? "here" : "gone"}" data-testid="customer-presence" data-here=${here ? "true" : "false"} title=${t("presence.label", { state: text })}
    ><span class="dot" aria-hidden="true"></span>${text}</span
  >`;
}

export const presenceStyles = css`
  /* A block of its own: left-aligned under the name, also inside the queue's centred button. */
  .presence {
    display: flex;
    align-items: center;
    gap: 0.3rem;
    font-size: 0.78rem;
    color: var(--ao-muted);
    white-space: nowrap;
  }
  .presence .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  .presence.here .dot {
    background: #1a7f37;
  }
`;

/**
 * Applies a `chat.presence` frame: the chat's presence changes; an abandoned chat leaves the
 * console (it is out of the queue; a preview of it closes).
 */
export function applyPresence(store: Store, frame: Extract<ServerFrame, { type: "chat.presence" }>): void {
  const view = store.chats.get(frame.chatId);
  if (!view) return;
  if (frame.abandonedAt !== null && view.chat.status === "waiting") {
    store.chats.delete(frame.chatId);
    store.accepting.delete(frame.chatId);
    if (store.selectedChatId === frame.chatId) store.selectedChatId = null;
    return;
  }
  view.chat = { ...view.chat, customerLeftAt: frame.customerLeftAt };
}
