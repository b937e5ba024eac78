/**
 * The public events of `<tomticket-chat>`: namespaced, bubbling and composed, so a host page
 * can listen on the element or on `document`. The panel's events cross the element's shadow
 * root and are seen as coming from `<tomticket-chat>` itself.
 */
import type { ClosedBy, WireMessage } from "../durable-objects/protocol";

/** `detail` of each public event. */
export interface TomticketChatEventDetails {
  /** The panel was shown. */
  "tomticket-chat:opened": null;
  /** The panel was hidden (the chat goes on). */
  "tomticket-chat:closed": null;
  /** The customer started a chat from the form. */
  "tomticket-chat:chat-started": { chatId: string; departmentId: string };
  /** The message itself: it arrived live (history replayed on a reconnect is not announced again). */
  "tomticket-chat:message": WireMessage;
  /** The chat was closed, by either side or by the system. */
  "tomticket-chat:chat-ended": { chatId: string; closedBy: ClosedBy | null };
}

export type TomticketChatEventName = keyof TomticketChatEventDetails;

/** Dispatches a public event from `target`. */
export function emit<K extends TomticketChatEventName>(
  target: EventTarget,
  type: K,
  detail: TomticketChatEventDetails[K],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    "tomticket-chat:opened": CustomEvent<null>;
    "tomticket-chat:closed": CustomEvent<null>;
    "tomticket-chat:chat-started": CustomEvent<TomticketChatEventDetails["tomticket-chat:chat-started"]>;
    "tomticket-chat:message": CustomEvent<TomticketChatEventDetails["tomticket-chat:message"]>;
    "tomticket-chat:chat-ended": CustomEvent<TomticketChatEventDetails["tomticket-chat:chat-ended"]>;
  }
}
