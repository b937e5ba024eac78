/**
 * Who is on a socket. The Worker authenticates the request and passes the identity to the
 * room in the `X-Room-Identity` header of the upgrade it forwards; the room is not reachable
 * from the internet, so the header cannot be forged by a client. The identity is stored in
 * the socket's attachment, which survives hibernation.
 */
import * as z from "zod";

export const IDENTITY_HEADER = "X-Room-Identity";

export const Identity = z.discriminatedUnion("role", [
  z.object({
    role: z.literal("customer"),
    accountId: z.string(),
    departmentId: z.string(),
    customerId: z.string(),
    chatId: z.string(),
    name: z.string(),
  }),
  z.object({
    role: z.literal("attendant"),
    accountId: z.string(),
    departmentId: z.string(),
    attendantId: z.string(),
    name: z.string(),
    attendantRole: z.enum(["administrator", "department_manager", "attendant"]),
    /** The attendant's presence when the socket opened (from D1). */
    status: z.enum(["online", "offline"]),
    /** D1's `chat_status_version` read with `status`: the room keeps the newest status it heard. */
    statusVersion: z.number().int().nonnegative().default(0),
    /**
     * Takes this department's chats and counts for its presence. Optional only for sockets
     * opened before the field existed (they keep the old meaning: everyone attended).
     */
    attends: z.boolean().optional(),
    /** Sees every chat of the department and closes others' chats (manager here, or administrator). */
    supervises: z.boolean().optional(),
    /**
     * Most chats they hold at once here (their own limit, else the account's
     * policies.maxChatsPerAttendant); null or absent: no limit.
     */
    maxChats: z.number().int().positive().nullable().optional(),
  }),
]);
export type Identity = z.infer<typeof Identity>;
export type CustomerIdentity = Extract<Identity, { role: "customer" }>;
export type AttendantIdentity = Extract<Identity, { role: "attendant" }>;

/** Whether the socket's attendant supervises this department (the Worker decided it from D1). */
export function supervises(who: AttendantIdentity): boolean {
  return who.supervises ?? (who.attendantRole === "administrator" || who.attendantRole === "department_manager");
}

/** Whether the socket's attendant takes this department's chats and counts as present. */
export function attends(who: AttendantIdentity): boolean {
  return who.attends ?? true;
}

/** Socket tags: the role, and the chat (customers) or the attendant (attendants). */
export function socketTags(who: Identity): string[] {
  return who.role === "customer" ? ["customer", `chat:${who.chatId}`] : ["attendant", `attendant:${who.attendantId}`];
}
