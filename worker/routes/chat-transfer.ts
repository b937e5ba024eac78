/**
 * `POST /api/chats/:id/transfer`: to another attendant of the chat's department (the chat changes
 * hands in its room) or to another department (the rooms' handoff, durable-objects/transfer.ts),
 * optionally with an internal note. See docs/API.md "Transfer".
 */
import { Hono } from "hono";
import * as z from "zod";
import { departmentRoom } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../errors";
import { transferTargets } from "../transfer/targets";
import { transferNotice } from "../transfer/notice";
import { loadAttendant, loadDepartment, loadSource, refusal, type TransferSource } from "../transfer/lookups";
import { idParam, parseBody } from "../validate";
import type { ChatTransferResponse, TransferTargetsResponse } from "../views-hours";
import type { TransferNote } from "../../durable-objects/transfer";
import type { WireChat } from "../../durable-objects/protocol";

/** Longest internal note. */
export const MAX_TRANSFER_NOTE = 1000;

const TransferBody = z
  .object({
    departmentId: idParam.optional(),
    attendantId: idParam.optional(),
    note: z.string().trim().max(MAX_TRANSFER_NOTE).optional(),
  })
  .refine((b) => b.departmentId !== undefined || b.attendantId !== undefined, { message: "Name a department or an attendant", path: ["departmentId"] });

type Body = z.infer<typeof TransferBody>;

export const chatTransferRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/:id/transfer-targets", async (c) => {
    const who = c.get("attendant");
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such chat");
    await loadSource(c.env, who, id.data);
    return c.json({ departments: await transferTargets(c.env, who.accountId) } satisfies TransferTargetsResponse);
  })
  .post("/:id/transfer", async (c) => {
  const who = c.get("attendant");
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const body = await parseBody(c, TransferBody);
  const source = await loadSource(c.env, who, id.data);
  const note: TransferNote | undefined = body.note ? { author: { id: who.id, name: who.name }, body: body.note } : undefined;
  const moved = body.departmentId
    ? await toDepartment(c.env, who, source, { ...body, departmentId: body.departmentId }, note)
    : await toAttendant(c.env, who, source, body.attendantId!, note);
  const { actor, ip } = requestActor(c);
  await auditEntry(database(c.env.DB), {
    accountId: who.accountId,
    actor,
    ip,
    action: "chat.transferred",
    target: { type: "chat", id: source.chat.id },
    detail: {
      number: source.chat.number,
      from: { departmentId: source.chat.departmentId, attendantId: source.chat.attendant?.id ?? null, attendantName: source.chat.attendant?.name ?? null },
      to: { departmentId: moved.departmentId, attendantId: moved.attendant?.id ?? null, attendantName: moved.attendant?.name ?? null },
      withNote: note !== undefined,
    },
  }).run();
  return c.json({ chat: moved } satisfies ChatTransferResponse);
});

/** Inside the department: the room checks the target (online, capacity) and reassigns in one step. */
async function toAttendant(env: AppEnv["Bindings"], who: SessionAttendant, source: TransferSource, attendantId: string, note?: TransferNote): Promise<WireChat> {
  const departmentId = source.chat.departmentId;
  const to = await loadAttendant(env, who.accountId, attendantId, departmentId);
  if (source.chat.attendant?.id === to.id) throw refusal("same_attendant");
  const notice = transferNotice(source.locale, { attendantName: to.name });
  const result = await departmentRoom(env, who.accountId, departmentId).transferToAttendant({ chatId: source.chat.id, to, notice, note });
  if (!result.ok) throw refusal(result.code);
  return result.chat;
}

/**
 * To another department, optionally naming one of its attendants, who must be online there with
 * room for the chat now (checked first; if that changes before the handoff, the chat waits in the queue).
 */
async function toDepartment(env: AppEnv["Bindings"], who: SessionAttendant, source: TransferSource, body: Body & { departmentId: string }, note?: TransferNote): Promise<WireChat> {
  const target = await loadDepartment(env, who.accountId, body.departmentId, source.chat.departmentId);
  const destination = departmentRoom(env, who.accountId, target.id);
  const attendant = body.attendantId ? await loadAttendant(env, who.accountId, body.attendantId, target.id) : undefined;
  if (attendant) {
    await destination.identify({ accountId: who.accountId, departmentId: target.id });
    const refused = await destination.attendantAvailability(attendant);
    if (refused) throw refusal(refused);
  }
  const notice = transferNotice(source.locale, attendant ? { attendantName: attendant.name } : { departmentName: target.name });
  const moved = await departmentRoom(env, who.accountId, source.chat.departmentId).transferChat(source.chat.id, {
    departmentId: target.id,
    fromDepartmentName: source.departmentName,
    notice,
    note,
    attendant,
  });
  // Null: the chat closed or left the room between the check and the handoff.
  if (!moved) throw conflict("chat_closed", "The chat is closed or no longer in its department");
  return (await destination.getChat(source.chat.id)) ?? moved;
}
