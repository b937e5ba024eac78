/**
 * `/widget-survey.js`: the satisfaction survey's form, loaded by the panel only for an account
 * that asks it (chunks.ts). "Was it solved?" as two large choices, the grade as five large
 * stars with their labels ("Péssimo" … "Ótimo"); both are native radio groups (arrow keys,
 * screen readers announce "n of 5"), the stars up to the chosen one lit. "Enviar avaliação" is
 * the one primary action of the closed chat while the survey is asked (closed-views.ts).
 */
import { chunks, type SurveyArgs } from "./chunks";

/** Limit of the survey's comment (the server's). */
const COMMENT_MAX = 1000;

// Its own sheet (the panel's styles.ts ships to every page): a star is lit when it, or one after it, is chosen.
// Tighter on a short panel (sizes M and S: the panel's section is a size container); at S the
// title is read by screen readers only (it names the form), the questions say what it is.
const STYLE = `.tt-yn{display:flex;gap:8px}.tt-yn label,.tt-stars label{position:relative;display:grid;place-items:center;border:1px solid var(--_border);border-radius:10px;font-weight:400;cursor:pointer}
.tt-yn label{flex:1;min-height:44px}.tt-stars{display:grid;grid-template-columns:repeat(5,1fr);gap:4px}.tt-stars label{padding:4px 2px;min-height:64px;border-color:transparent;text-align:center;line-height:1.2}
.tt-survey input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}.tt-stars b{font-size:32px;line-height:1;color:var(--_border)}
.tt-stars small{font-size:11px;color:inherit}.tt-stars label:has(:checked) b,.tt-stars label:has(~label :checked) b{color:#e8a10c}.tt-stars:not(:has(:checked)) label:hover b{color:#f3c969}
.tt-yn label:has(:checked),.tt-stars label:has(:checked){border-color:var(--_p);box-shadow:inset 0 0 0 1px var(--_p)}.tt-survey label:has(:focus-visible){outline:3px solid var(--tt-focus,#ffbf47)}
@container (max-height:600px){.tt-survey{gap:8px}.tt-survey legend{margin-bottom:4px}.tt-yn label{min-height:40px}.tt-stars label{min-height:48px;padding:2px}.tt-stars b{font-size:26px}#tt-comment{height:40px}}
@container (max-height:500px){.tt-survey h3{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.tt-yn label{min-height:36px}.tt-stars label{min-height:44px;padding:0}.tt-stars b{font-size:22px}#tt-comment{height:36px}}`;

function renderSurvey({ html, t, error, sending, onSubmit }: SurveyArgs) {
  const choice = (value: string, label: string) =>
    html`<label><input type="radio" name="solved" value=${value} required /><span>${label}</span></label>`;
  return html`<style>
      ${STYLE}
    </style>
    <form part="survey" class="tt-survey" @submit=${onSubmit} aria-labelledby="tt-survey-title">
      <h3 id="tt-survey-title">${t.surveyTitle}</h3>
      <fieldset>
        <legend id="tt-solved-q">${t.surveySolvedQuestion}</legend>
        <div class="tt-yn" role="radiogroup" aria-labelledby="tt-solved-q">${choice("yes", t.yes)}${choice("no", t.no)}</div>
      </fieldset>
      <fieldset>
        <legend id="tt-grade-q">${t.surveyGradeQuestion}</legend>
        <div class="tt-stars" role="radiogroup" aria-labelledby="tt-grade-q">
          ${t.grades.map(
            (label, i) =>
              html`<label><input type="radio" name="grade" value=${i + 1} required /><b aria-hidden="true">★</b><small>${label}</small></label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="tt-comment">${t.surveyCommentLabel}</label>
        <textarea id="tt-comment" name="comment" rows="2" maxlength=${COMMENT_MAX}></textarea>
      </div>
      <p role="alert">${error}</p>
      <button type="submit" class="primary" ?disabled=${sending}>${t.surveySubmit}</button>
    </form>`;
}

chunks().survey = renderSurvey;
