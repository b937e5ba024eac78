/**
 * The header's status line while a chat is in view (header-view.ts draws it; it rides in
 * `/widget-chat.js` with the texts it uses).
 */
import type { ChatController } from "./chat-controller";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

/** The status line: the chat's state, or the connection's while it is not up. */
export function chatStatus(panel: TomticketChatPanel, t: PanelText): string {
  const { chat, connState, online } = panel.chat as ChatController;
  if (panel.view !== "chat" || !chat) return "";
  if (chat.status === "closed") return t.closedText;
  if (connState === "connecting") return t.connecting;
  if (connState === "reconnecting") return t.reconnecting;
  if (chat.status === "waiting") {
    if (panel.chat.queueClosed) return t.queueClosed;
    const position = panel.chat.position;
    return `${online ? t.waitingText : t.waitingOffline}${position ? " " + t.queuePosition(position) : ""}`;
  }
  return chat.attendant ? t.joined(chat.attendant.name) : "";
}

