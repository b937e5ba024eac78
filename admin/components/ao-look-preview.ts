/**
 * `<ao-look-preview>`: a static mock of the customer's chat (the launcher and the open panel:
 * title, greeting, sample messages, the message field and the send button) drawn from a look,
 * so that "Personalizar chat" shows each change as it is typed. It needs no server and loads
 * nothing: the colours and the size are CSS custom properties on the stage. Large sizes are
 * scaled down to fit the column; the caption gives the real size.
 *
 * The mock is `inert`: it cannot take focus and is hidden from assistive technology, which
 * reads the caption instead.
 *
 * @csspart stage - the box standing for the customer's page
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar (primary colour)
 * @csspart launcher - the round button
 */
import { css, html, svg } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { addPortuguese, registerPanelText, textsFor } from "../../widget/i18n";
import { en } from "../../widget/i18n-en";
import { es } from "../../widget/i18n-es";
import { ptChat } from "../../widget/i18n-pt-chat";
import { t } from "../i18n";
import type { EffectiveLook } from "../look";
import type { WidgetLang } from "../snippet";
import { AppElement, define } from "./app-element";

// The widget loads these texts in chunks (a chat's Portuguese texts, each other language); the
// preview needs all of them at once, or its message field reads in Portuguese, or not at all.
addPortuguese(ptChat);
registerPanelText("en", en);
registerPanelText("es", es);

/** Room for the stage; a bigger panel is scaled down. */
const MAX_STAGE = { width: 380, height: 620 };
const LAUNCHER = 56;
const GAP = 16;

/** Sample conversation, in the preview's language (the widget's texts come from widget/i18n.ts). */
const SAMPLE: Record<WidgetLang, { attendant: string; hello: string; customer: string }> = {
  "pt-BR": { attendant: "Ana", hello: "Olá! Como posso ajudar?", customer: "Qual é o prazo de entrega do meu pedido?" },
  en: { attendant: "Ana", hello: "Hi! How can I help?", customer: "When will my order arrive?" },
  es: { attendant: "Ana", hello: "¡Hola! ¿En qué puedo ayudarle?", customer: "¿Cuál es el plazo de entrega de mi pedido?" },
};

const chatIcon = svg`<path d="M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-8l-5 4v-4.2A3 3 0 0 1 3 15V6a3 3 0 0 1 3-3z"/>`;
const sendIcon = svg`<path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"/>`;

export class AoLookPreview extends AppElement {
  static override properties = {
    look: { attribute: false },
    previewLang: { attribute: "preview-lang" },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: block;
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-size: 0.85rem;
        color: var(--ao-muted);
        margin-bottom: 0.4rem;
      }
      .frame {
        overflow: hidden;
        border: 1px dashed var(--ao-border-strong);
        border-radius: var(--ao-radius);
        background: repeating-linear-gradient(135deg, #f7f8fa 0 12px, #eef1f5 12px 24px);
      }
      [part="stage"] {
        position: relative;
        transform-origin: top left;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        color: #1c2024;
      }
      [part="panel"] {
        position: absolute;
        top: ${GAP}px;
        display: flex;
        flex-direction: column;
        width: var(--pv-width);
        height: var(--pv-height);
        overflow: hidden;
        border-radius: 12px;
        background: var(--pv-background);
        box-shadow: 0 8px 32px rgba(0, 0, 0, 0.25);
      }
      [part="header"] {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 12px 12px 12px 16px;
        background: var(--pv-primary);
        color: var(--pv-on-primary);
      }
      [part="header"] h3 {
        flex: 1;
        min-width: 0;
        margin: 0;
        font-size: 16px;
        line-height: 1.3;
        overflow-wrap: anywhere;
      }
      .minimize {
        font-size: 20px;
        line-height: 1;
      }
      .body {
        flex: 1;
        min-height: 0;
        overflow: hidden;
        padding: 16px;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .greeting {
        margin: 0 0 8px;
        overflow-wrap: anywhere;
      }
      .bubble {
        max-width: 85%;
        padding: 8px 12px;
        border-radius: 12px;
        background: #f0f0f3;
        align-self: flex-start;
        overflow-wrap: anywhere;
      }
      .bubble b {
        display: block;
        font-size: 12px;
      }
      .bubble.customer {
        align-self: flex-end;
        background: var(--pv-primary);
        color: var(--pv-on-primary);
      }
      .compose {
        display: flex;
        gap: 8px;
        padding: 12px;
        border-top: 1px solid #d9d9e0;
      }
      .compose .field {
        flex: 1;
        padding: 8px 10px;
        border: 1px solid #d9d9e0;
        border-radius: 8px;
        background: #fff;
        color: #60646c;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .send,
      [part="launcher"] {
        display: grid;
        place-items: center;
        background: var(--pv-primary);
        color: var(--pv-on-primary);
      }
      .send {
        width: 40px;
        height: 40px;
        border-radius: 8px;
      }
      [part="launcher"] {
        position: absolute;
        bottom: ${GAP}px;
        width: ${LAUNCHER}px;
        height: ${LAUNCHER}px;
        border-radius: 50%;
        box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
      }
      svg {
        width: 22px;
        height: 22px;
        fill: currentColor;
      }
      [part="launcher"] svg {
        width: 28px;
        height: 28px;
      }
    `,
  ];

  declare look: EffectiveLook;
  declare previewLang: WidgetLang;

  constructor() {
    super();
    this.previewLang = "pt-BR";
  }

  override render() {
    if (!this.look) return html``;
    const { colors, size, position } = this.look;
    const texts = textsFor(this.previewLang, this.look.texts);
    const sample = SAMPLE[this.previewLang];
    const stage = { width: size.width + 2 * GAP, height: size.height + LAUNCHER + 3 * GAP };
    const scale = Math.min(1, MAX_STAGE.width / stage.width, MAX_STAGE.height / stage.height);
    const side = position === "left" ? { left: `${GAP}px` } : { right: `${GAP}px` };
    const stageStyle = {
      "--pv-primary": colors.primary,
      "--pv-on-primary": colors.onPrimary,
      "--pv-background": colors.background,
      "--pv-width": `${size.width}px`,
      "--pv-height": `${size.height}px`,
      width: `${stage.width}px`,
      height: `${stage.height}px`,
      transform: `scale(${scale})`,
    };
    const caption = t("preview.caption", { width: size.width, height: size.height, position: t(`position.${position}`) });
    return html`<figure>
      <figcaption>${t("preview.heading")} · ${caption}</figcaption>
      <div class="frame" style=${styleMap({ width: `${Math.ceil(stage.width * scale)}px`, height: `${Math.ceil(stage.height * scale)}px` })}>
        <div part="stage" lang=${this.previewLang} inert style=${styleMap(stageStyle)}>
          <section part="panel" data-testid="preview-panel" style=${styleMap(side)}>
            <div part="header" data-testid="preview-header">
              <h3 data-testid="preview-title">${texts.title}</h3>
              <span class="minimize" aria-hidden="true">–</span>
            </div>
            <div class="body">
              <p class="greeting" data-testid="preview-greeting">${texts.greeting}</p>
              <div class="bubble"><b>${sample.attendant}</b>${sample.hello}</div>
              <div class="bubble customer">${sample.customer}</div>
            </div>
            <div class="compose">
              <span class="field">${texts.composePlaceholder}</span>
              <span class="send" title=${texts.sendButton}><svg viewBox="0 0 24 24" aria-hidden="true">${sendIcon}</svg></span>
            </div>
          </section>
          <span part="launcher" data-testid="preview-launcher" style=${styleMap(side)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">${chatIcon}</svg>
          </span>
        </div>
      </div>
    </figure>`;
  }
}
define("ao-look-preview", AoLookPreview);
