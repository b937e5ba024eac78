/**
 * Attachments in the open-chat bundle, kept to a few hundred bytes: a message's file is a
 * `<tt-file>` element and the composer's file button hands the picked file over, both served by
 * `/widget-attach.js` (attach.ts), which is loaded only when a file is shown or picked.
 */
import { html, type TemplateResult } from "lit";
import type { WireAttachment } from "../durable-objects/protocol";
import type { AttachPanel } from "./attach";

type Upload = (panel: AttachPanel, file: File) => Promise<void>;
const g = globalThis as { __tomticketAttach?: Upload };
let panel: AttachPanel | null = null;
let loading: Promise<void> | null = null;

/** The panel whose boot (server, account) and texts the chunk uses. */
export function showFilesIn(host: AttachPanel): void {
  panel = host;
}

function load(): Promise<void> {
  const server = panel?.boot?.server;
  if (!server) return Promise.reject(new Error("no panel"));
  return (loading ??= new Promise<void>((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = `${server}/widget-attach.js`;
    tag.onload = () => resolve();
    tag.onerror = () => {
      loading = null;
      tag.remove();
      reject(new Error("widget-attach.js"));
    };
    document.head.append(tag);
  }));
}

/** A message's file: `<tt-file>` (attach.ts) draws a sized thumbnail or a PDF link once loaded. */
export function renderFile(chatId: string, file: WireAttachment): TemplateResult {
  void load().catch(() => undefined);
  return html`<tt-file .file=${file} .chat=${chatId}></tt-file>`;
}

/** The picked file goes to the chunk; the input is emptied so that the same file can be picked again. */
export function onFilePicked(host: AttachPanel, event: Event): void {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = "";
  if (!file) return;
  load().then(
    () => g.__tomticketAttach?.(host, file),
    () => (host.composeError = host.texts.errors.network),
  );
}
