/**
 * `/widget-attach.js`, loaded only when a file is shown or picked (attach-loader.ts), so the
 * open chat's bundle stays small: the `<tt-file>` element that shows a message's file (file.ts)
 * and the customer's upload. The file goes as the raw body with the customer token;
 * the server decides its type by content. The message then arrives on the chat's socket like
 * any other (and in the history after a reconnect). Errors are told in the panel's language.
 */
import { MAX_ATTACHMENT_BYTES } from "../durable-objects/protocol";
import type { PanelBoot } from "./contract";
import type { Lang, PanelText } from "./i18n";
import { readToken } from "./storage";
import { defineFileElement } from "./file-element";

/** What the upload needs from the panel. */
export interface AttachPanel {
  boot: PanelBoot | null;
  language: Lang;
  texts: PanelText;
  composeError: string;
  chat: { chat: { id: string } | null; isOpen: boolean };
  renderRoot: ParentNode;
}

type Code = "too_large" | "unsupported_type" | "chat_closed" | "sending";
const TEXTS: Record<Lang, Record<Code, string>> = {
  "pt-BR": {
    too_large: "O arquivo passa de 10 MB.",
    unsupported_type: "Envie uma imagem (PNG, JPEG, GIF, WebP) ou um PDF.",
    chat_closed: "A conversa foi encerrada.",
    sending: "Enviando",
  },
  en: {
    too_large: "The file is larger than 10 MB.",
    unsupported_type: "Send an image (PNG, JPEG, GIF, WebP) or a PDF.",
    chat_closed: "The chat has ended.",
    sending: "Sending",
  },
  es: {
    too_large: "El archivo supera los 10 MB.",
    unsupported_type: "Envíe una imagen (PNG, JPEG, GIF, WebP) o un PDF.",
    chat_closed: "La conversación terminó.",
    sending: "Enviando",
  },
};

async function upload(panel: AttachPanel, file: File): Promise<void> {
  const texts = TEXTS[panel.language] ?? TEXTS["pt-BR"];
  const boot = panel.boot;
  const chatId = panel.chat.chat?.id;
  const token = boot && readToken(boot);
  if (!boot || !chatId || !token || !panel.chat.isOpen) return;
  // The server checks too; this spares sending 10 MB only to be refused.
  if (file.size > MAX_ATTACHMENT_BYTES) {
    panel.composeError = texts.too_large;
    return;
  }
  const button = panel.renderRoot.querySelector<HTMLButtonElement>('[part="attach"]');
  button?.setAttribute("aria-busy", "true");
  if (button) button.title = `${texts.sending} ${file.name}…`;
  panel.composeError = "";
  const query = new URLSearchParams({ account: boot.account, clientId: crypto.randomUUID(), name: file.name });
  try {
    const response = await fetch(`${boot.server}/api/widget/chats/${chatId}/attachments?${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: file,
    });
    if (!response.ok) {
      const code = ((await response.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code ?? "";
      panel.composeError = code in texts ? texts[code as Code] : ((panel.texts.errors as Record<string, string>)[code] ?? panel.texts.errors.generic);
    }
  } catch {
    panel.composeError = panel.texts.errors.network;
  } finally {
    button?.removeAttribute("aria-busy");
    if (button) button.title = panel.texts.attach;
  }
}

(globalThis as { __tomticketAttach?: typeof upload }).__tomticketAttach = upload;
defineFileElement();
