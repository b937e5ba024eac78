/**
 * The offline form's state, kept by the panel; the form itself and its sending are in the
 * lazily loaded `/widget-offline.js` (offline-chunk.ts).
 */

/** `form`/`sending`: the form is shown; `sent`: the thanks. */
export type OfflineState = "form" | "sending" | "sent";

export interface OfflineForm {
  state: OfflineState;
  /** An error code from the server ("" when none). */
  error: string;
}

/** A fresh offline form. */
export const offlineForm = (): OfflineForm => ({ state: "form", error: "" });
