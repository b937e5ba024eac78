/**
 * `<tt-file>`: a file in a message of the widget (in `/widget-attach.js`). An image is a
 * thumbnail in a box sized from its stored width and height; a PDF a link with its name and
 * size. Its URL is signed and expires in minutes: fetched with the customer token, kept until
 * shortly before it expires, and fetched again when a stale link is clicked. The name goes in
 * as text only (the sender chose it). The panel sets `file` and `chat` as properties.
 */
import type { WireAttachment } from "../durable-objects/protocol";
import type { AttachmentUrlResponse } from "../worker/views-attachments";
import type { PanelBoot } from "./contract";
import { readToken } from "./storage";

const MAX_W = 200;
const MAX_H = 160;
const urls = new Map<string, Promise<AttachmentUrlResponse>>();
const ready = new Map<string, AttachmentUrlResponse>();

const fresh = (id: string) => {
  const have = ready.get(id);
  return have && have.expiresAt - 30_000 > Date.now() ? have.url : "";
};

function fetchUrl(boot: PanelBoot, chatId: string, id: string): Promise<AttachmentUrlResponse> {
  let pending = urls.get(id);
  if (!pending || !fresh(id)) {
    const token = readToken(boot) ?? "";
    pending = fetch(`${boot.server}/api/widget/chats/${chatId}/attachments/${id}?account=${encodeURIComponent(boot.account)}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => (r.ok ? (r.json() as Promise<AttachmentUrlResponse>) : Promise.reject(new Error(String(r.status)))));
    urls.set(id, pending);
    pending.then((answer) => ready.set(id, answer), () => urls.delete(id));
  }
  return pending;
}

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);

class TtFile extends HTMLElement {
  #file: WireAttachment | null = null;
  #chat = "";
  #root = this.attachShadow({ mode: "open" });

  constructor() {
    super();
    // Properties the panel set before this element was defined are own fields: take them over.
    const own = this as unknown as { file?: WireAttachment; chat?: string };
    const file = own.file;
    const chat = own.chat;
    delete own.file;
    delete own.chat;
    if (chat) this.#chat = chat;
    if (file) this.file = file;
  }

  set chat(id: string) {
    this.#chat = id;
  }

  set file(file: WireAttachment) {
    if (this.#file?.id === file.id) return;
    this.#file = file;
    this.#draw();
  }

  get #boot(): PanelBoot | null {
    const host = (this.getRootNode() as ShadowRoot).host as { boot?: PanelBoot | null } | undefined;
    return host?.boot ?? null;
  }

  connectedCallback(): void {
    this.#draw();
  }

  #draw(): void {
    const file = this.#file;
    const boot = this.#boot;
    if (!file || !boot || !this.isConnected) return;
    const link = document.createElement("a");
    link.target = "_blank";
    link.rel = "noopener";
    link.style.cssText = "display:inline-block;color:inherit";
    if (file.contentType === "application/pdf") {
      link.textContent = `PDF · ${file.name} (${size(file.size)})`;
      link.setAttribute("part", "file");
    } else {
      const w = file.width ?? MAX_H;
      const h = file.height ?? MAX_H;
      const scale = Math.min(1, MAX_W / w, MAX_H / h);
      const img = document.createElement("img");
      img.alt = file.name;
      img.width = Math.max(1, Math.round(w * scale));
      img.height = Math.max(1, Math.round(h * scale));
      img.style.cssText = "display:block;max-width:100%;height:auto;border-radius:8px;background:rgba(0,0,0,.08)";
      link.setAttribute("part", "file-image");
      link.append(img);
    }
    const show = (url: string) => {
      link.href = url;
      link.querySelector("img")?.setAttribute("src", url);
    };
    link.addEventListener("click", (event) => {
      if (fresh(file.id)) return;
      event.preventDefault();
      void fetchUrl(boot, this.#chat, file.id).then((answer) => window.open(answer.url, "_blank", "noopener"));
    });
    this.#root.replaceChildren(link);
    fetchUrl(boot, this.#chat, file.id).then((answer) => this.#file === file && show(answer.url), () => undefined);
  }
}

/** Registers `<tt-file>` once (the chunk may be loaded twice on one page). */
export function defineFileElement(): void {
  if (!customElements.get("tt-file")) customElements.define("tt-file", TtFile);
}
