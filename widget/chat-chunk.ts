/**
 * `/widget-chat.js`: the live chat, apart from the panel's script because the pre-chat form
 * (what a customer types into first) does not need it: the controller (chat-controller.ts) with
 * its socket, the chat view with the message input and its rules, the message rows, files in
 * messages (attach-loader.ts), the emoji button, the end-chat question and the new-message beep. The panel fetches it as soon as it shows and waits for it only when it
 * enters a chat (a started, resumed or reopened one: see panel.ts `enterChat`).
 *
 * Lit and the panel modules that keep state or classes (api.ts, storage.ts, the chunk
 * loader...) are the panel's own, handed over at run time (panel-shared.ts;
 * scripts/widget-shared.mjs maps the imports): one Lit, one `ApiRequestError`.
 */
import { showFilesIn } from "./attach-loader";
import { ChatController } from "./chat-controller";
import { chatSheet } from "./chat-styles";
import { renderChatView } from "./chat-view";
import { chunks } from "./chunks";
import { renderEndButton, renderEndConfirm } from "./end-confirm";
import { renderRow } from "./message-row";
import { toRows } from "./messages";
import { beep } from "./sound";

chunks().chat = {
  controller(panel, callbacks) {
    showFilesIn(panel);
    return new ChatController(panel, callbacks);
  },
  sheet: chatSheet,
  beep,
  view: renderChatView,
  endButton: renderEndButton,
  endConfirm: renderEndConfirm,
  toRows,
  renderRow,
};
