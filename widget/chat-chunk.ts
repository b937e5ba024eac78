/**
 * `/widget-chat.js`: the live chat, apart from the panel's script because the pre-chat form
 * (what a customer types into first) does not need it: the controller (chat-controller.ts) with
 * its socket, the chat view with the message input and its rules, the message rows, files in
 * messages (attach-loader.ts), the emoji button, the header's status line, the end-chat question,
 * the new-message beep, and the Portuguese texts of all these (i18n-pt-chat.ts). The panel fetches it as soon as it shows and waits for it only when it
 * enters a chat (a started, resumed or reopened one: see panel.ts `enterChat`).
 *
 * Lit and the panel modules that keep state or classes (api.ts, storage.ts, the chunk
 * loader...) are the panel's own, handed over at run time (panel-shared.ts;
 * scripts/widget-shared.mjs maps the imports): one Lit, one `ApiRequestError`.
 */
import { showFilesIn } from "./attach-loader";
import { ChatController } from "./chat-controller";
import { chatStatus } from "./chat-status";
import { chatSheet } from "./chat-styles";
import { renderChatView } from "./chat-view";
import { chunks } from "./chunks";
import { renderEndButton, renderEndConfirm } from "./end-confirm";
import { addPortuguese } from "./i18n";
import { ptChat } from "./i18n-pt-chat";
import { renderRow } from "./message-row";
import { toRows } from "./messages";
import { beep } from "./sound";

addPortuguese(ptChat);

chunks().chat = {
  controller(panel, callbacks) {
    showFilesIn(panel);
    return new ChatController(panel, callbacks);
  },
  sheet: chatSheet,
  beep,
  view: renderChatView,
  status: chatStatus,
  endButton: renderEndButton,
  endConfirm: renderEndConfirm,
  toRows,
  renderRow,
};
