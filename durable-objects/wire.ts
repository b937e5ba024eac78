/**
 * The one serializer per entity from the room's storage rows to the wire (protocol.ts).
 */
import type { WireChat, WireMessage } from "./protocol";
import type { ChatRow, MessageRow } from "./room-storage";
import { attachmentOf } from "./attachment-json";

export function toWireChat(row: ChatRow): WireChat {
  return {
    id: row.id,
    number: row.number,
    departmentId: row.department_id,
    status: row.status,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    attendant: row.attendant_id ? { id: row.attendant_id, name: row.attendant_name ?? "" } : null,
    origin: row.origin,
    pageUrl: row.page_url,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    lastSeq: row.last_seq,
    customerReadSeq: row.customer_read_seq,
    attendantReadSeq: row.attendant_read_seq,
    customerDeliveredSeq: row.customer_delivered_seq,
    attendantDeliveredSeq: row.attendant_delivered_seq,
  };
}

export function toWireMessage(row: MessageRow): WireMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: row.seq,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    body: row.body,
    createdAt: row.created_at,
    clientId: row.client_id,
    ...(row.internal ? { internal: true as const } : {}),
    ...attachmentOf(row.attachment),
  };
}
