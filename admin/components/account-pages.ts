/**
 * The account's other settings pages, listed at the end of Configurações da Conta: the ones
 * that exist as links, the coming ones as plain text marked "Em breve" (no dead links).
 */
import { html } from "lit";
import { t, type MessageKey } from "../i18n";

const AVAILABLE: { label: MessageKey; hint: MessageKey; href: string; testId: string }[] = [
  { label: "policies.heading", hint: "account.pagePoliciesHint", href: "#/customize", testId: "account-page-policies" },
  { label: "nav.customize", hint: "account.pageCustomizeHint", href: "#/customize", testId: "account-page-customize" },
  { label: "nav.publish", hint: "account.pagePublishHint", href: "#/publish", testId: "account-page-publish" },
];

const COMING: MessageKey[] = ["account.pageHours", "account.pageTicketPolicies", "account.pageKnowledgeBase", "account.pageMobileApp"];

/** The "Outras configurações" list. Styles: the page's (`pageStyles`). */
export function accountPages() {
  return html`<section aria-labelledby="pages-heading" class="pages">
    <h2 class="section" id="pages-heading">${t("account.pagesHeading")}</h2>
    <ul>
      ${AVAILABLE.map(
        (page) => html`<li>
          <a href=${page.href} data-testid=${page.testId}>${t(page.label)}</a>
          <span class="hint">— ${t(page.hint)}</span>
        </li>`,
      )}
      ${COMING.map(
        (label) => html`<li data-testid="account-page-coming">
          <span class="muted">${t(label)}</span>
          <span class="badge neutral">${t("account.comingSoon")}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}
