/**
 * The status badge of an offline message (new / answered / ticket), shared by the list and the
 * thread. The status is also spelled out, so the colour is never the only signal.
 */
import { css, html } from "lit";
import type { OfflineMessageItem } from "../../worker/views";
import { t } from "../i18n";
import { statusKey } from "../offline-thread";

export const offlineBadgeStyles = css`
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    border: 1px solid var(--ao-border-strong);
    color: var(--ao-text);
    background: var(--ao-surface);
  }
  .badge.new {
    background: var(--ao-accent);
    border-color: var(--ao-accent);
    color: var(--ao-on-accent);
  }
  .badge.ticket {
    border-style: dashed;
  }
`;

/** The badge of `status`. */
export function offlineBadge(status: OfflineMessageItem["status"]) {
  return html`<span class="badge ${status}" data-testid="offline-status" data-status=${status}>${t(statusKey(status))}</span>`;
}
