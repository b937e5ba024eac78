/**
 * The customer's "Pesquisa de satisfação" answer in a Histórico transcript: solved or not, the
 * grade with its label, the comment as text. A chat without an answer says "Sem avaliação".
 */
import { css, html, type TemplateResult } from "lit";
import type { ChatSurvey } from "../../worker/views";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";

/** "Péssimo" … "Ótimo" for a grade from 1 to 5; null for anything else. */
export function gradeLabel(grade: number): MessageKey | null {
  switch (grade) {
    case 1:
      return "grade.1";
    case 2:
      return "grade.2";
    case 3:
      return "grade.3";
    case 4:
      return "grade.4";
    case 5:
      return "grade.5";
    default:
      return null;
  }
}

export const surveyStyles = css`
  .survey {
    margin: 0 0 1rem;
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
  }
  .survey h2 {
    margin-bottom: 0.3rem;
  }
  .survey dl {
    margin: 0;
  }
  .survey .comment {
    white-space: pre-wrap;
  }
`;

/** The survey block; `survey` is null (or absent, from an older server) when the customer did not answer. */
export function surveyContent(survey: ChatSurvey | null | undefined): TemplateResult {
  if (!survey) {
    return html`<section class="survey" data-testid="survey" data-answered="false" aria-labelledby="survey-heading">
      <h2 id="survey-heading">${t("survey.heading")}</h2>
      <p class="muted">${t("survey.none")}</p>
    </section>`;
  }
  const label = gradeLabel(survey.grade);
  return html`<section class="survey" data-testid="survey" data-answered="true" aria-labelledby="survey-heading">
    <h2 id="survey-heading">${t("survey.heading")}</h2>
    <dl>
      <dt>${t("survey.solved")}</dt>
      <dd data-testid="survey-solved">${survey.solved ? t("survey.yes") : t("survey.no")}</dd>
      <dt>${t("survey.grade")}</dt>
      <dd data-testid="survey-grade">${label ? t("survey.gradeValue", { grade: survey.grade, label: t(label) }) : survey.grade}</dd>
      ${survey.comment
        ? html`<dt>${t("survey.comment")}</dt>
            <dd class="comment" data-testid="survey-comment">${survey.comment}</dd>`
        : ""}
      <dt>${t("survey.answeredAt")}</dt>
      <dd>${formatDateTime(survey.createdAt)}</dd>
    </dl>
  </section>`;
}
