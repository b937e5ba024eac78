/**
 * Answer types of /api/account/surfaces, without runtime imports (the console imports them).
 * The zod schema is worker/surfaces/settings.ts; the two are checked equal there.
 */

/** The surfaces we host for an account, as they appear in API paths. */
export type Surface = "customer-panel" | "knowledge-base" | "app";

/** One surface's chat: off or on, with a fixed department or none ("Permitir escolher"). */
export interface SurfaceChatSettings {
  chatEnabled: boolean;
  departmentId: string | null;
}

export interface SurfacesResponse {
  surfaces: Record<Surface, SurfaceChatSettings>;
}
