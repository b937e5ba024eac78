/**
 * `<ao-attachment chat-id .file>`: a file in a message. An image is a thumbnail in a box sized
 * from its stored width and height (so the list does not jump when it loads); a PDF is a chip
 * with its name and size. Both open a freshly signed URL in a new tab (URLs expire in minutes).
 * The name is a text binding: it was typed by whoever sent the file.
 */
import { css, html, LitElement, nothing } from "lit";
import type { WireAttachment } from "../../durable-objects/protocol";
import { attachmentUrl, formatSize } from "../api-attachments";
import { getLocale, t } from "../i18n";
import { define } from "./app-element";

/** The thumbnail's largest box, in CSS pixels. */
const MAX_W = 240;
const MAX_H = 180;

/** The thumbnail's box for an image of `w`×`h` (a square when the header did not say). */
export function thumbBox(w: number | null, h: number | null): { width: number; height: number } {
  if (!w || !h) return { width: MAX_H, height: MAX_H };
  const scale = Math.min(1, MAX_W / w, MAX_H / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

export class AoAttachment extends LitElement {
  static override properties = {
    chatId: { attribute: "chat-id" },
    file: { attribute: false },
    url: { state: true },
    failed: { state: true },
  };
  static override styles = css`
    :host {
      display: block;
      margin-top: 0.25rem;
    }
    a {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      color: inherit;
    }
    .thumb {
      display: block;
      border-radius: 6px;
      background: rgba(0, 0, 0, 0.06);
      object-fit: cover;
    }
    .chip {
      padding: 0.35rem 0.6rem;
      border: 1px solid rgba(0, 0, 0, 0.2);
      border-radius: 999px;
      text-decoration: none;
      background: rgba(255, 255, 255, 0.6);
    }
    .chip:hover,
    .chip:focus-visible {
      text-decoration: underline;
    }
    .muted {
      font-size: 0.85rem;
      opacity: 0.75;
    }
  `;

  declare chatId: string;
  declare file: WireAttachment | null;
  declare url: string;
  declare failed: boolean;

  constructor() {
    super();
    this.chatId = "";
    this.file = null;
    this.url = "";
    this.failed = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has("file") || changed.has("chatId")) && this.file && this.chatId) void this.load();
  }

  private async load(): Promise<void> {
    const file = this.file!;
    try {
      const url = await attachmentUrl(this.chatId, file.id);
      if (this.file === file) this.url = url;
    } catch {
      this.failed = true;
    }
  }

  /** Opens a fresh URL: the one in `href` may have expired since the list was drawn. */
  private async open(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.file) return;
    const url = await attachmentUrl(this.chatId, this.file.id).catch(() => "");
    if (url) window.open(url, "_blank", "noopener");
  }

  override render() {
    const file = this.file;
    if (!file) return nothing;
    if (this.failed) return html`<span class="muted">${t("attach.unavailable")}: ${file.name}</span>`;
    if (file.contentType === "application/pdf") {
      return html`<a class="chip" href=${this.url || "#"} data-testid="attachment-file" @click=${this.open}
        ><span class="muted">PDF</span><span>${file.name}</span><span class="muted">${formatSize(file.size, getLocale())}</span></a
      >`;
    }
    const box = thumbBox(file.width, file.height);
    return html`<a href=${this.url || "#"} aria-label=${t("attach.open", { name: file.name })} data-testid="attachment-image" @click=${this.open}>
      ${this.url
        ? html`<img class="thumb" src=${this.url} alt=${file.name} width=${box.width} height=${box.height} />`
        : html`<span class="thumb" style="width:${box.width}px;height:${box.height}px"></span>`}
    </a>`;
  }
}
define("ao-attachment", AoAttachment);
