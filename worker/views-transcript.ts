/**
 * Answer types of the transcript by e-mail (docs/API.md "Transcript by e-mail"), shared with the
 * widget as types only.
 */

/** `202` of POST /api/widget/chats/:id/transcript: queued in the account's outbox for this address. */
export interface WidgetTranscriptResponse {
  transcript: { to: string };
}
