/**
 * `<ao-department-routing>`: the department's own chat assignment (manual or automatic) or the
 * account's, in the department form (Gestão › Departamentos). Kept in the department's settings
 * document (`policies.routing`, PUT /api/settings/departments/:id) with its look and other
 * policies, which this leaves as stored (read again just before saving). Administrators and the department's managers change it, like its look.
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { DepartmentSettings } from "../../worker/views";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { ROUTING_MODES, routingChoice, withRouting, type RoutingChoice } from "../policies-form";
import { AppElement, define } from "./app-element";
import { describedBy, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";

export class AoDepartmentRouting extends AppElement {
  static override properties = {
    departmentId: { attribute: "department-id" },
    stored: { state: true },
    accountRouting: { state: true },
    choice: { state: true },
    loaded: { state: true },
    busy: { state: true },
    saved: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      /* --ao-online is too light for small text on white (axe: 4.1:1); this green reads at 5.9:1. */
      .saved {
        color: #137333;
      }
    `,
  ];

  declare departmentId: string;
  /** The department's stored document (undefined: it has none). */
  declare stored: DepartmentSettings | undefined;
  declare accountRouting: (typeof ROUTING_MODES)[number];
  declare choice: RoutingChoice;
  declare loaded: boolean;
  declare busy: boolean;
  declare saved: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.departmentId = "";
    this.stored = undefined;
    this.accountRouting = "manual";
    this.choice = "";
    this.loaded = false;
    this.busy = false;
    this.saved = false;
    this.error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("departmentId") && this.departmentId) void this.load();
  }

  private async load(): Promise<void> {
    this.loaded = false;
    try {
      const settings = await this.app.settings();
      this.stored = settings.departments[this.departmentId];
      this.accountRouting = settings.account.policies?.routing ?? "manual";
      this.choice = routingChoice(this.stored);
      this.loaded = true;
    } catch (error) {
      this.error = problemFor(error, []).key;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.loaded) return;
    this.busy = true;
    this.saved = false;
    this.error = null;
    try {
      // Read fresh: the department form's other policies (e.g. offline to ticket) may have been
      // saved since this loaded, and the document is replaced whole.
      const fresh = (await this.app.settings()).departments[this.departmentId];
      const doc = withRouting(fresh, this.choice);
      const answer = await this.app.saveDepartmentSettings(this.departmentId, doc);
      this.stored = answer?.look ? answer : doc;
      this.choice = routingChoice(this.stored);
      this.saved = true;
    } catch (error) {
      const problem = problemFor(error, []);
      this.error = problem.key === "people.error.invalid" ? "policies.error.routing" : problem.key;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.loaded && !this.error) return html`<p class="muted" role="status">${t("page.loading")}</p>`;
    const options: { value: RoutingChoice; label: string }[] = [
      { value: "", label: `${t("policies.deptRouting.account")} (${t(`policies.routing.${this.accountRouting}`)})` },
      ...ROUTING_MODES.map((m) => ({ value: m, label: t(`policies.routing.${m}`) })),
    ];
    return html`<form novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${t("policies.deptRouting")}</legend>
        <div class="field">
          <label for="dept-routing">${t("policies.routing")}</label>
          <select
            id="dept-routing"
            name="routing"
            data-testid="department-routing"
            ?disabled=${!this.loaded}
            aria-invalid=${invalid(this.error)}
            aria-describedby=${describedBy("dept-routing", this.error, "dept-routing-hint")}
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.choice = value === "" ? "" : (ROUTING_MODES.find((m) => m === value) ?? "");
              this.saved = false;
            }}
          >
            ${options.map((o) => html`<option value=${o.value} .selected=${o.value === this.choice}>${o.label}</option>`)}
          </select>
          <p id="dept-routing-hint" class="hint">${t("policies.deptRoutingHint")}</p>
          ${this.error ? html`<p id="dept-routing-error" class="error" role="alert">${t(this.error)}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="submit" data-testid="department-routing-save" ?disabled=${this.busy || !this.loaded}>
            ${this.busy ? t("people.saving") : t("people.save")}
          </button>
          <p class="form-message saved" role="status">${this.saved ? t("policies.deptRoutingSaved") : ""}</p>
        </div>
      </fieldset>
    </form>`;
  }
}
define("ao-department-routing", AoDepartmentRouting);
