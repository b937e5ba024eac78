/**
 * `/widget-closed.js`: the end of a chat, loaded while the chat is on (survey-controller.ts), so
 * that it is here the moment the chat closes: who closed it, the satisfaction survey (its form
 * is the survey chunk's) and its sending, "Receber a conversa por e-mail" (when the account
 * allows it) and its sending, and the way to start over (a secondary button while the survey is
 * asked: "Enviar avaliação" is then the one primary action). Texts are bindings, never markup.
 * API calls go through the panel's kit, so that their errors are the panel's `ApiRequestError`.
 */
import { chunks } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import type { PanelKit } from "./panel-kit";

// Its own sheet (the panel's styles.ts ships to every page); tighter on a short panel (sizes M
// and S), so that the survey, the transcript request and "new chat" are all in view at once (an
// empty status line is taken out of the grid, not hidden, so that what it later says is announced).
const STYLE = `[part="closed"]{display:grid;gap:12px;margin-top:16px;padding-top:12px;border-top:1px solid var(--_border);text-align:center}
[part="closed"] p{margin:0}[part="survey"]{text-align:left}@container (max-height:600px){[part="closed"]{gap:8px;margin-top:8px;padding-top:8px}[part="closed"] p:empty{position:absolute}}`;

/** Limit of the survey's comment (the server's). */
const COMMENT_MAX = 1000;

/** The transcript request of one chat: a new chat starts over. */
interface Transcript {
  chatId: string;
  sending: boolean;
  /** Where the server sent it ("" until then). */
  to: string;
  /** An error code from the server ("" when none). */
  error: string;
}

const transcripts = new WeakMap<TomticketChatPanel, Transcript>();

function transcriptOf(panel: TomticketChatPanel, chatId: string): Transcript {
  let state = transcripts.get(panel);
  if (state?.chatId !== chatId) transcripts.set(panel, (state = { chatId, sending: false, to: "", error: "" }));
  return state;
}

/** The survey's form, from its own chunk (survey-chunk.ts); nothing until it arrives. */
function renderSurvey(kit: PanelKit, panel: TomticketChatPanel, t: PanelText) {
  const { survey, boot } = panel;
  const draw = boot && kit.chunk(boot.server, "survey", () => panel.requestUpdate());
  if (!draw) return kit.nothing;
  return draw({
    html: kit.html,
    t,
    error: survey.error && kit.errorText(t, survey.error),
    sending: survey.state === "sending",
    onSubmit: (event) => void submitSurvey(kit, panel, event),
  });
}

/** "Receber a conversa por e-mail", when the account allows it, and what came of it. */
function renderTranscript(kit: PanelKit, panel: TomticketChatPanel, t: PanelText, chatId: string) {
  if (!panel.config?.transcriptByEmail) return kit.nothing;
  const { sending, to, error } = transcriptOf(panel, chatId);
  const note = to
    ? t.transcriptSent(to)
    : error === "rate_limited"
      ? t.transcriptWait
      : error === "email_not_configured" || error === "transcript_disabled"
        ? t.transcriptUnavailable
        : error && kit.errorText(t, error);
  return kit.html`${to
      ? kit.nothing
      : kit.html`<button part="transcript-email" type="button" ?disabled=${sending} @click=${() => void sendTranscript(kit, panel, chatId)}>
          ${t.transcriptButton}
        </button>`}
    <p role="status">${note}</p>`;
}

/** The closed state: the closing text, the survey or its thanks, the transcript by e-mail, and "new chat". */
function renderClosed(kit: PanelKit, panel: TomticketChatPanel, t: PanelText) {
  const chat = panel.chat.chat;
  const closedBy = chat?.closedBy;
  const closer = chat?.closer;
  const survey = panel.survey.state;
  const byWhom = { customer: t.closedByYou, attendant: t.closedByAttendant, system: t.closedBySystem };
  // An attendant's name when the server told it ("Encerrado por Ana"): also a manager's remote close.
  const asked = survey === "ask" || survey === "sending";
  const text = closer?.type === "attendant" && closer.name ? t.closedByName(closer.name, closer.role) : (closedBy && byWhom[closedBy]) || t.closedText;
  return kit.html`<style>
      ${STYLE}
    </style>
    <div part="closed">
    <p role="status">${text}</p>
    ${asked ? renderSurvey(kit, panel, t) : kit.nothing}
    <p part="survey-thanks" role="status">${survey === "done" ? t.surveyThanks : ""}</p>
    ${chat ? renderTranscript(kit, panel, t, chat.id) : kit.nothing}
    <button part="new-chat" type="button" class=${asked ? "secondary" : "primary"} @click=${() => panel.newChat()}>${t.newChatButton}</button>
  </div>`;
}

/** One request to `POST /api/widget/chats/:id/transcript`; the panel draws what the server said. */
async function sendTranscript(kit: PanelKit, panel: TomticketChatPanel, chatId: string): Promise<void> {
  const { boot } = panel;
  const state = transcriptOf(panel, chatId);
  const token = boot && kit.readToken(boot);
  if (!boot || !token || state.sending || state.to) return;
  state.sending = true;
  state.error = "";
  panel.requestUpdate();
  try {
    state.to = (await kit.sendTranscript(boot.server, chatId, boot.account, token)).transcript.to;
  } catch (error) {
    state.error = error instanceof kit.ApiRequestError ? error.code : "generic";
  }
  state.sending = false;
  panel.requestUpdate();
}

/** Sends the survey's answer with `POST /api/widget/chats/:id/survey` (panel.survey holds the state). */
async function submitSurvey(kit: PanelKit, panel: TomticketChatPanel, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.currentTarget;
  const { boot, survey } = panel;
  const chatId = panel.chat.chat?.id;
  const token = boot && kit.readToken(boot);
  if (!boot || !token || !chatId || !(form instanceof HTMLFormElement) || survey.state !== "ask") return;
  const data = new FormData(form);
  const comment = String(data.get("comment") ?? "").trim().slice(0, COMMENT_MAX);
  survey.state = "sending";
  survey.error = "";
  panel.requestUpdate();
  try {
    const body = { account: boot.account, solved: data.get("solved") === "yes", grade: Number(data.get("grade")) };
    await kit.sendSurvey(boot.server, chatId, comment ? { ...body, comment } : body, token);
    survey.state = "done";
  } catch (error) {
    const code = error instanceof kit.ApiRequestError ? error.code : "generic";
    // Already answered (in another tab) or switched off meanwhile: nothing left to ask.
    survey.state = code === "survey_already_answered" ? "done" : code === "survey_disabled" ? "off" : "ask";
    if (survey.state === "ask") survey.error = code;
  }
  if (survey.state === "done") kit.writeSurveyDone(boot, chatId);
  // The form gave way to the thanks: keep the keyboard user inside the panel.
  if (survey.state !== "ask") panel.wantFocus = true;
  panel.requestUpdate();
}

chunks().closed = renderClosed;
