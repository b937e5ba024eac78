/**
 * What the panel, its header and the other views read of the customer's chat before the chat
 * machinery is here: `/widget-chat.js` (chat-chunk.ts: the controller, its socket and the
 * message views) is needed only once a chat exists, so the pre-chat form is usable without it.
 * Until then `panel.chat` is `idleChat`, a chat that is not there; the real `ChatController`
 * (which implements this) replaces it when the panel enters a chat.
 */
import type { WireChat, WireMessage } from "../durable-objects/protocol";
import type { ConnectionState } from "./chat-connection";

/** The read side of the chat and the calls the panel's own modules make (see chat-controller.ts). */
export interface ChatState {
  readonly chat: WireChat | null;
  readonly messages: readonly WireMessage[];
  readonly isOpen: boolean;
  readonly unread: number;
  readonly connState: ConnectionState;
  readonly online: boolean;
  readonly position: number;
  readonly queueClosed: boolean;
  readonly opensAt?: number | null;
  readonly inactivityClosesAt: number | null;
  reset(): void;
  closeChat(): void;
  reconnectNow(): void;
  markRead(): void;
}

const none = (): void => undefined;

/** No chat (yet): what `panel.chat` is until the panel enters one. */
export const idleChat: ChatState = {
  chat: null,
  messages: [],
  isOpen: false,
  unread: 0,
  connState: "connecting",
  online: true,
  position: 0,
  queueClosed: false,
  inactivityClosesAt: null,
  reset: none,
  closeChat: none,
  reconnectNow: none,
  markRead: none,
};
