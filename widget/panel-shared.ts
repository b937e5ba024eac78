/**
 * The modules of `/widget-panel.js` that `/widget-chat.js` (chat-chunk.ts) imports, handed over
 * by import path: the build maps those imports to this object (scripts/widget-shared.mjs)
 * instead of bundling a second copy. A second Lit would not share the panel's template cache
 * or directives, and a second api.ts would throw `ApiRequestError`s that the panel does not
 * recognize; the others keep state (loaded scripts) or are in the panel anyway.
 * One line per module, `"path": { names },`: the build reads the names from here, and fails
 * when the chunk imports one that is not listed.
 */
import { html, nothing } from "lit";
import { ApiRequestError, getMe, getTranscript } from "./api";
import { chunk, chunks } from "./chunks";
import { renderClosedView } from "./closed-views";
import { emit } from "./events";
import { formatAt } from "./format-at";
import { addPortuguese, closerRole } from "./i18n";
import { renderHistoryList } from "./history-views";
import { readToken, writeToken } from "./storage";

chunks().shared = {
  lit: { html, nothing },
  "./api": { ApiRequestError, getMe, getTranscript },
  "./chunks": { chunk, chunks },
  "./closed-views": { renderClosedView },
  "./events": { emit },
  "./format-at": { formatAt },
  "./history-views": { renderHistoryList },
  "./i18n": { addPortuguese, closerRole },
  "./storage": { readToken, writeToken },
};
