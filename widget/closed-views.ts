/**
 * The end of a chat: who closed it, the satisfaction survey (when the account asks for it)
 * and the way to start over (a secondary button while the survey is asked: "Enviar avaliação"
 * is then the one primary action). Texts are bindings, never markup.
 */
import { html, nothing, type TemplateResult } from "lit";
import { chunk } from "./chunks";
import { errorText, type PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

/** `off`: not asked; `ask`/`sending`: the form; `done`: answered (here, before, or elsewhere). */
export type SurveyState = "off" | "ask" | "sending" | "done";

/** Limit of the survey's comment (the server's). */
export const COMMENT_MAX = 1000;

/** The survey's form, from its lazily loaded chunk (survey-chunk.ts); nothing until it arrives. */
function renderSurvey(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  const { survey, boot } = panel;
  const draw = boot && chunk(boot.server, "survey", () => panel.requestUpdate());
  if (!draw) return nothing;
  return draw({
    html,
    t,
    error: survey.error && errorText(t, survey.error),
    sending: survey.state === "sending",
    onSubmit: (event) => void submitSurvey(panel, event),
  });
}

/** "Receber a conversa por e-mail", when the account allows it, and what came of it. */
function renderTranscript(panel: TomticketChatPanel, t: PanelText, chatId: string): TemplateResult | typeof nothing {
  if (!panel.config?.transcriptByEmail) return nothing;
  const { sending, to, error } = panel.transcript.of(chatId);
  const note = to
    ? t.transcriptSent(to)
    : error === "rate_limited"
      ? t.transcriptWait
      : error === "email_not_configured" || error === "transcript_disabled"
        ? t.transcriptUnavailable
        : error && errorText(t, error);
  return html`${to
      ? nothing
      : html`<button part="transcript-email" type="button" ?disabled=${sending} @click=${() => void panel.transcript.send(panel.boot)}>
          ${t.transcriptButton}
        </button>`}
    <p role="status">${note}</p>`;
}

/** The closed state: the closing text, the survey or its thanks, the transcript by e-mail, and "new chat". */
export function renderClosedView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const chat = panel.chat.chat;
  const closedBy = chat?.closedBy;
  const closer = chat?.closer;
  const survey = panel.survey.state;
  const byWhom = { customer: t.closedByYou, attendant: t.closedByAttendant, system: t.closedBySystem };
  // An attendant's name when the server told it ("Encerrado por Ana"): also a manager's remote close.
  const asked = survey === "ask" || survey === "sending";
  const text = closer?.type === "attendant" && closer.name ? t.closedByName(closer.name, closer.role) : (closedBy && byWhom[closedBy]) || t.closedText;
  return html`<div part="closed">
    <p role="status">${text}</p>
    ${asked ? renderSurvey(panel, t) : nothing}
    <p part="survey-thanks" role="status">${survey === "done" ? t.surveyThanks : ""}</p>
    ${chat ? renderTranscript(panel, t, chat.id) : nothing}
    <button part="new-chat" type="button" class=${asked ? "secondary" : "primary"} @click=${() => panel.newChat()}>${t.newChatButton}</button>
  </div>`;
}

async function submitSurvey(panel: TomticketChatPanel, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.currentTarget;
  if (!panel.boot || !(form instanceof HTMLFormElement)) return;
  await panel.survey.submit(panel.boot, form);
  // The form gave way to the thanks: keep the keyboard user inside the panel.
  if (panel.survey.state !== "ask") panel.wantFocus = true;
}
