/**
 * The panel's top bar: title, connection or queue status, end chat (and its question,
 * end-confirm.ts), open in a new tab, minimize. Texts are bindings, never markup.
 */
import { html, nothing, type TemplateResult } from "lit";
import { MINIMIZE_EVENT, type PanelBoot } from "./contract";
import { chunks } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

/** `<server>/chat/<key>?department=…&lang=…`: the pop-up chat page. */
function popoutUrl(boot: PanelBoot, lang: string): string {
  const query = new URLSearchParams();
  if (boot.department) query.set("department", boot.department);
  query.set("lang", lang);
  return `${boot.server}/chat/${encodeURIComponent(boot.account)}?${query}`;
}

/** The top bar. No pop-out and no minimize in the pop-up itself. */
export function renderHeaderView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const { boot, chat } = panel;
  // A chat in view means /widget-chat.js is here, with the status line, the end-chat button
  // and its question (and their texts).
  const live = chunks().chat;
  return html`<header part="header">
    <div class="heading">
      <h2 part="title" id="title">${panel.currentLook()?.texts?.title || panel.config?.account.name || t.title}</h2>
      <p part="status" role="status">${live && panel.view === "chat" ? live.status(panel, t) : ""}</p>
    </div>
    ${panel.view === "chat" && chat.isOpen && live ? live.endButton(panel, t) : nothing}
    ${!boot || boot.popup
      ? nothing
      : html`<a part="popout" href=${popoutUrl(boot, panel.language)} target="_blank" rel="noopener" aria-label=${t.popout} title=${t.popout}
            ><svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M14 3h7v7h-2V6.4l-9.3 9.3-1.4-1.4L17.6 5H14zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z" /></svg
          ></a>
          <button part="minimize" type="button" aria-label=${t.minimize} title=${t.minimize} @click=${() => panel.dispatchEvent(new Event(MINIMIZE_EVENT))}>
            <span aria-hidden="true">–</span>
          </button>`}
  </header>
  ${live ? live.endConfirm(panel, t) : nothing}`;
}
