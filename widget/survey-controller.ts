/**
 * The satisfaction survey of a closed chat (a Lit reactive controller): whether to ask, the
 * answer sent with `POST /api/widget/chats/:id/survey`, and what the server said.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { WireChat } from "../durable-objects/protocol";
import type { WidgetConfigResponse } from "../worker/views";
import { ApiRequestError, sendSurvey } from "./api";
import { loadScript } from "./chunks";
import { COMMENT_MAX, type SurveyState } from "./closed-views";
import type { PanelBoot } from "./contract";
import { readSurveyDone, readToken, writeSurveyDone } from "./storage";

export class SurveyController implements ReactiveController {
  state: SurveyState = "off";
  /** An error code from the server ("" when none). */
  error = "";
  #chatId: string | null = null;
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Asks about `chat` (shown once it is closed) unless the account does not, or it was answered here. */
  reset(boot: PanelBoot | null, config: WidgetConfigResponse | null, chat: WireChat | null): void {
    this.#chatId = chat?.id ?? null;
    this.error = "";
    this.state =
      !boot || !chat || !config?.surveyEnabled ? "off" : readSurveyDone(boot) === chat.id ? "done" : "ask";
    // Fetched while the chat is on, so that the form is there the moment the chat closes.
    if (boot && this.state === "ask") void loadScript(`${boot.server}/widget-survey.js`).catch(() => undefined);
    this.#host.requestUpdate();
  }

  /** Sends the form's answer. */
  async submit(boot: PanelBoot, form: HTMLFormElement): Promise<void> {
    const chatId = this.#chatId;
    const token = readToken(boot);
    if (!chatId || !token || this.state !== "ask") return;
    const data = new FormData(form);
    const comment = String(data.get("comment") ?? "").trim().slice(0, COMMENT_MAX);
    this.state = "sending";
    this.error = "";
    this.#host.requestUpdate();
    try {
      const body = { account: boot.account, solved: data.get("solved") === "yes", grade: Number(data.get("grade")) };
      await sendSurvey(boot.server, chatId, comment ? { ...body, comment } : body, token);
      this.state = "done";
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : "generic";
      // Already answered (in another tab) or switched off meanwhile: nothing left to ask.
      if (code === "survey_already_answered") this.state = "done";
      else if (code === "survey_disabled") this.state = "off";
      else {
        this.state = "ask";
        this.error = code;
      }
    }
    if (this.state === "done") writeSurveyDone(boot, chatId);
    this.#host.requestUpdate();
  }
}
