/**
 * The end of a chat, drawn by the lazily loaded `/widget-closed.js` (closed-chunk.ts): only
 * chats that end need it, so it stays out of the panel that every open chat downloads. The
 * survey controller fetches it while the chat is on; until it is here, nothing shows.
 */
import { nothing, type TemplateResult } from "lit";
import { chunk } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import { kit } from "./panel-kit";

/** `off`: not asked; `ask`/`sending`: the form; `done`: answered (here, before, or elsewhere). */
export type SurveyState = "off" | "ask" | "sending" | "done";

/** The closed state: the closing text, the survey or its thanks, the transcript by e-mail, and "new chat". */
export function renderClosedView(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  const draw = panel.boot && chunk(panel.boot.server, "closed", () => panel.requestUpdate());
  return draw ? draw(kit, panel, t) : nothing;
}
