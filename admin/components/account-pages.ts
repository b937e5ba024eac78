/**
 * The account's other settings pages, listed at the end of Configurações da Conta as links.
 */
import { html } from "lit";
import { t, type MessageKey } from "../i18n";

const AVAILABLE: { label: MessageKey; hint: MessageKey; href: string; testId: string }[] = [
  { label: "policies.heading", hint: "account.pagePoliciesHint", href: "#/customize", testId: "account-page-policies" },
  { label: "nav.customize", hint: "account.pageCustomizeHint", href: "#/customize", testId: "account-page-customize" },
  { label: "nav.publish", hint: "account.pagePublishHint", href: "#/publish", testId: "account-page-publish" },
  { label: "account.pageHours", hint: "account.pageHoursHint", href: "#/gestao/hours", testId: "account-page-hours" },
  { label: "account.pageTicketPolicies", hint: "account.pageTicketPoliciesHint", href: "#/gestao/account/customer-panel", testId: "account-page-customer-panel" },
  { label: "account.pageKnowledgeBase", hint: "account.pageKnowledgeBaseHint", href: "#/gestao/account/knowledge-base", testId: "account-page-knowledge-base" },
  { label: "account.pageMobileApp", hint: "account.pageMobileAppHint", href: "#/gestao/account/app", testId: "account-page-app" },
];

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
    </ul>
  </section>`;
}
