/**
 * The satisfaction survey of a closed chat (a Lit reactive controller): whether to ask, and
 * where its sending stands (the closed view's chunk, closed-chunk.ts, sends it and sets
 * `state` and `error`).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { WireChat } from "../durable-objects/protocol";
import type { WidgetConfigCompact } from "../worker/views";
import { loadScript } from "./chunks";
import type { SurveyState } from "./closed-views";
import type { PanelBoot } from "./contract";
import { readSurveyDone } from "./storage";

export class SurveyController implements ReactiveController {
  state: SurveyState = "off";
  /** An error code from the server ("" when none). */
  error = "";
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Asks about `chat` (shown once it is closed) unless the account does not, or it was answered here. */
  reset(boot: PanelBoot | null, config: WidgetConfigCompact | null, chat: WireChat | null): void {
    this.error = "";
    this.state =
      !boot || !chat || !config?.surveyEnabled ? "off" : readSurveyDone(boot) === chat.id ? "done" : "ask";
    // Fetched while the chat is on, so that the closed view and the form are there the moment the chat closes.
    if (boot && chat) void loadScript(`${boot.server}/widget-closed.js`).catch(() => undefined);
    if (boot && this.state === "ask") void loadScript(`${boot.server}/widget-survey.js`).catch(() => undefined);
    this.#host.requestUpdate();
  }
}
