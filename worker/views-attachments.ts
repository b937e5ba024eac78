/** Answers of the attachment routes (docs/API.md, "Attachments"). */
import type { WireMessage } from "../durable-objects/protocol";

/** `201` to an upload: the message that carries the file, as the room stored it (also delivered live). */
export interface AttachmentUploadResponse {
  message: WireMessage;
}

/** A signed URL for one file, valid until `expiresAt` (epoch ms). */
export interface AttachmentUrlResponse {
  url: string;
  expiresAt: number;
}
