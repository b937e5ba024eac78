/**
 * The answers the app reads, under the names it uses: its own config, the customer API
 * (`/api/p/:key`, Painel do Cliente: worker/views-panel.ts) and the public knowledge-base API
 * (`/api/kb/:key`: worker/views-kb.ts). Types only: nothing of the Worker ships to the phone.
 */
export type { AppConfigResponse } from "../worker/views-app";
export type {
  PanelCustomer as Customer,
  PanelMeResponse as MeResponse,
  PanelTicket as TicketSummary,
  PanelTicketEntry as TicketEntry,
  PanelTicketsResponse as TicketsResponse,
  PanelTicketDetailResponse as TicketResponse,
  PanelUpdatesResponse as UpdatesResponse,
} from "../worker/views-panel";
export type { TicketStatus } from "../worker/db/schema";
export type { KbPublicCategory as KbCategory, KbPublicArticleSummary as KbArticleSummary } from "../worker/views-kb";
import type { KbPublicArticleResponse } from "../worker/views-kb";

/** One article with its sanitized `html` (rendered by the server when the article was saved). */
export type KbArticle = KbPublicArticleResponse["article"];
