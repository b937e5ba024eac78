/**
 * The end of a chat: who closed it, the satisfaction survey (when the account asks for it)
 * and the way to start over. Texts are bindings, never markup.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { ClosedBy } from "../durable-objects/protocol";
import type { PanelText } from "./i18n";

/** `off`: not asked; `ask`/`sending`: the form; `done`: answered (here, before, or elsewhere). */
export type SurveyState = "off" | "ask" | "sending" | "done";

export interface ClosedModel {
  closedBy: ClosedBy | null;
  survey: SurveyState;
  error: string;
  onSurvey(event: SubmitEvent): void;
  onNewChat(): void;
}

/** Limit of the survey's comment (the server's). */
export const COMMENT_MAX = 1000;

function renderSurvey(model: ClosedModel, t: PanelText): TemplateResult {
  const radio = (name: string, value: string, label: string) =>
    html`<label class="choice"><input type="radio" name=${name} value=${value} required /><span>${label}</span></label>`;
  return html`<form part="survey" @submit=${model.onSurvey} aria-labelledby="tt-survey-title">
    <h3 id="tt-survey-title">${t.surveyTitle}</h3>
    <fieldset>
      <legend>${t.surveySolvedQuestion}</legend>
      <div class="choices">${radio("solved", "yes", t.yes)}${radio("solved", "no", t.no)}</div>
    </fieldset>
    <fieldset>
      <legend>${t.surveyGradeQuestion}</legend>
      <div class="choices grades">${t.grades.map((label, i) => radio("grade", String(i + 1), label))}</div>
    </fieldset>
    <div class="field">
      <label for="tt-comment">${t.surveyCommentLabel}</label>
      <textarea id="tt-comment" name="comment" rows="2" maxlength=${COMMENT_MAX}></textarea>
    </div>
    <p role="alert">${model.error}</p>
    <button type="submit" class="primary" ?disabled=${model.survey === "sending"}>${t.surveySubmit}</button>
  </form>`;
}

/** The closed state: the closing text, the survey or its thanks, and "new chat". */
export function renderClosed(model: ClosedModel, t: PanelText): TemplateResult {
  const { closedBy } = model;
  const text =
    closedBy === "customer"
      ? t.closedByYou
      : closedBy === "attendant"
        ? t.closedByAttendant
        : closedBy === "system"
          ? t.closedBySystem
          : t.closedText;
  return html`<div part="closed">
    <p>${text}</p>
    ${model.survey === "ask" || model.survey === "sending" ? renderSurvey(model, t) : nothing}
    <p part="survey-thanks" role="status">${model.survey === "done" ? t.surveyThanks : ""}</p>
    <button part="new-chat" type="button" class="primary" @click=${model.onNewChat}>${t.newChatButton}</button>
  </div>`;
}
