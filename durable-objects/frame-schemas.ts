/**
 * The room's validation of incoming frames. The types live in protocol.ts (zod-free, shared
 * with the clients); the compile-time checks at the end fail when the schema and the type
 * disagree, so neither can drift.
 */
import * as z from "zod";
import { MAX_ID_LENGTH, MAX_MESSAGE_LENGTH, type ClientFrame } from "./protocol";

const id = z.string().min(1).max(MAX_ID_LENGTH);
const seq = z.number().int().min(0);

export const ClientFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message.send"),
    chatId: id,
    clientId: id,
    body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
  }),
  z.object({ type: z.literal("typing.set"), chatId: id, typing: z.boolean() }),
  z.object({ type: z.literal("message.read"), chatId: id, seq }),
  z.object({ type: z.literal("chat.sync"), chatId: id, afterSeq: seq }),
  z.object({ type: z.literal("chat.accept"), chatId: id }),
  z.object({ type: z.literal("chat.close"), chatId: id }),
  z.object({ type: z.literal("ping") }),
]);

type Parsed = z.infer<typeof ClientFrameSchema>;
type Assert<T extends true> = T;
/** Every parsed frame is a ClientFrame, and every ClientFrame can be produced by the schema. */
export type SchemaMatchesType = Assert<[Parsed] extends [ClientFrame] ? ([ClientFrame] extends [Parsed] ? true : false) : false>;
