/**
 * Pieces shared by the console's paged list pages ("Histórico", "Mensagens Offline"): the
 * loading / error / empty lines and the pager. Texts come translated from the page.
 */
import { html, type TemplateResult } from "lit";
import { t, type MessageKey } from "../i18n";

/** The error, "loading…" (first load only) and "nothing here" lines above a list. */
export function listStatus(state: { error: MessageKey | null; loading: boolean; loaded: boolean; empty: boolean }, texts: { loading: string; empty: string }) {
  return html`${state.error ? html`<p class="error" role="alert">${t(state.error)}</p>` : ""}
  ${state.loading && !state.loaded ? html`<p class="muted">${texts.loading}</p>` : ""}
  ${state.loaded && state.empty ? html`<p class="muted">${texts.empty}</p>` : ""}`;
}

/** Previous / page N / next, shown once there is more than one page. `testId` prefixes the buttons' test ids. */
export function pager(
  state: { page: number; hasMore: boolean; loading: boolean },
  texts: { page: string; prev: string; next: string },
  testId: string,
  goTo: (page: number) => void,
): TemplateResult | string {
  const { page, hasMore, loading } = state;
  if (page <= 1 && !hasMore) return "";
  return html`<nav class="pager" aria-label=${texts.page}>
    <button type="button" data-testid="${testId}-prev" ?disabled=${page <= 1 || loading} @click=${() => goTo(page - 1)}>${texts.prev}</button>
    <span>${texts.page}</span>
    <button type="button" data-testid="${testId}-next" ?disabled=${!hasMore || loading} @click=${() => goTo(page + 1)}>${texts.next}</button>
  </nav>`;
}
