/**
 * "Receber a conversa por e-mail" on a closed chat (when the account allows it): one request
 * to `POST /api/widget/chats/:id/transcript` and what the server said. A new chat starts over.
 */
import type { ReactiveControllerHost } from "lit";
import { ApiRequestError, sendTranscript } from "./api";
import type { PanelBoot } from "./contract";
import { readToken } from "./storage";

export class TranscriptController {
  sending = false;
  /** Where the server sent it ("" until then). */
  to = "";
  /** An error code from the server ("" when none). */
  error = "";
  #chatId = "";
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** This controller, as it stands for `chatId`. */
  of(chatId: string): this {
    if (chatId !== this.#chatId) {
      this.#chatId = chatId;
      this.sending = false;
      this.to = this.error = "";
    }
    return this;
  }

  async send(boot: PanelBoot | null): Promise<void> {
    const chatId = this.#chatId;
    const token = boot && readToken(boot);
    if (!boot || !token || this.sending || this.to) return;
    this.sending = true;
    this.error = "";
    this.#host.requestUpdate();
    try {
      this.to = (await sendTranscript(boot.server, chatId, boot.account, token)).transcript.to;
    } catch (error) {
      this.error = error instanceof ApiRequestError ? error.code : "generic";
    }
    this.sending = false;
    this.#host.requestUpdate();
  }
}
