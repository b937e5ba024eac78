/**
 * Reading one incoming WebSocket frame into a {@link ClientFrame}, or the typed error frame
 * that answers it. A refused frame changes nothing in the room:
 * - `binary_frame`: the protocol is text (JSON); a binary frame is refused even when its bytes
 *   are valid JSON, so there is one way to speak it.
 * - `unknown_frame`: a JSON object whose `type` this server does not know (a newer client
 *   talking to an older server); the client may go on with the types it has in common.
 * - `bad_frame`: anything else that does not parse (not JSON, a known type with bad fields).
 * The frame's size is checked before (department-room.ts), on the bytes.
 */
import { ClientFrameSchema } from "./frame-schemas";
import type { ClientFrame, ServerFrame } from "./protocol";

/** The `type` of every frame a client may send. */
const KNOWN_TYPES: ReadonlySet<string> = new Set(ClientFrameSchema.options.map((option) => option.shape.type.value));

export type Intake = { ok: true; frame: ClientFrame } | { ok: false; error: Extract<ServerFrame, { type: "error" }> };

/** Parses one frame as the room receives it. */
export function readFrame(data: string | ArrayBuffer): Intake {
  if (typeof data !== "string") {
    return { ok: false, error: { type: "error", code: "binary_frame", message: "Frames are text (JSON); binary frames are refused" } };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  const type = typeof json === "object" && json !== null && "type" in json ? (json as { type: unknown }).type : undefined;
  if (typeof type === "string" && !KNOWN_TYPES.has(type)) {
    return { ok: false, error: { type: "error", code: "unknown_frame", message: `Unknown frame type "${type.slice(0, 40)}"; nothing was done` } };
  }
  const frame = ClientFrameSchema.safeParse(json);
  if (frame.success) return { ok: true, frame: frame.data };
  const issue = frame.error.issues[0];
  const message = issue ? `${issue.path.join(".") || "frame"}: ${issue.message}` : "Invalid frame";
  return { ok: false, error: { type: "error", code: "bad_frame", message } };
}
