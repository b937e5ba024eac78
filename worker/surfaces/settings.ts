/**
 * The chat on the surfaces we host for an account: Painel do Cliente ("Políticas de chamados >
 * Clientes: Exibir atendimento online fixo no rodapé"), Base de Conhecimento ("Exibir atendimento
 * online fixo no rodapé") and the app Meu Suporte ("Ativar atendimento online"). Each is off or on,
 * with a fixed department or none ("Permitir escolher"). Stored as one document in `settings`
 * under the reserved key "#surfaces" (like e-mail's "#email"), so the look and policies
 * documents never carry it.
 */
import { and, eq } from "drizzle-orm";
import * as z from "zod";
import { database, type Database } from "../db/client";
import { departments, settings, type ChatOrigin } from "../db/schema";
import type { Surface as ViewSurface, SurfaceChatSettings as ViewSettings } from "../views-surfaces";

export const SURFACES_SETTINGS_KEY = "#surfaces";

/** The surfaces, as API path segments, with the chat origin each one records. */
export const SURFACE_ORIGINS = {
  "customer-panel": "customer_panel",
  "knowledge-base": "knowledge_base",
  app: "app",
} as const satisfies Record<string, ChatOrigin>;
export type Surface = keyof typeof SURFACE_ORIGINS;
type Assert<T extends true> = T;
/** The console's zod-free copy names the same surfaces (worker/views-surfaces.ts). */
export type SurfaceNamesMatch = Assert<[Surface] extends [ViewSurface] ? ([ViewSurface] extends [Surface] ? true : false) : false>;
export const SURFACES = Object.keys(SURFACE_ORIGINS) as Surface[];

/** One surface's chat: `departmentId` null lets the customer choose among the active departments. */
export const SurfaceChatSettings = z.strictObject({
  chatEnabled: z.boolean(),
  // Department ids are server-generated UUIDs, but the demo seed's are readable ("dep-suporte").
  departmentId: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/).nullable(),
});
export type SurfaceChatSettings = z.infer<typeof SurfaceChatSettings>;
/** ...and the same settings. */
export type SurfaceSettingsMatch = Assert<[SurfaceChatSettings] extends [ViewSettings] ? ([ViewSettings] extends [SurfaceChatSettings] ? true : false) : false>;

const OFF: SurfaceChatSettings = { chatEnabled: false, departmentId: null };

const StoredSurfaces = z.partialRecord(z.enum(SURFACES as [Surface, ...Surface[]]), SurfaceChatSettings);
export type SurfacesView = Record<Surface, SurfaceChatSettings>;

/** Every surface's chat settings (off when never saved, or when the stored document no longer parses). */
export async function loadSurfaces(db: D1Database, accountId: string): Promise<SurfacesView> {
  const row = await database(db)
    .select({ data: settings.data })
    .from(settings)
    .where(and(eq(settings.accountId, accountId), eq(settings.departmentId, SURFACES_SETTINGS_KEY)))
    .get();
  const parsed = StoredSurfaces.safeParse(row?.data ?? {});
  if (!parsed.success) console.error("stored surfaces settings do not parse", accountId);
  const stored = parsed.success ? parsed.data : {};
  return { "customer-panel": stored["customer-panel"] ?? OFF, "knowledge-base": stored["knowledge-base"] ?? OFF, app: stored.app ?? OFF };
}

/** The write of the whole document, as a statement for the caller's batch (with its audit entry). */
export function surfacesUpsert(orm: Database, accountId: string, data: SurfacesView) {
  const updatedAt = Date.now();
  return orm
    .insert(settings)
    .values({ accountId, departmentId: SURFACES_SETTINGS_KEY, data: { ...data }, updatedAt })
    .onConflictDoUpdate({ target: [settings.accountId, settings.departmentId], set: { data: { ...data }, updatedAt } });
}

/** What a page of a surface needs to draw the chat: null when it shows none. */
export interface SurfaceChat {
  origin: ChatOrigin;
  /** Fixed department; null lets the customer choose. */
  departmentId: string | null;
}

/**
 * Whether `surface` shows the chat now, and with which department. A fixed department that was
 * deactivated since falls back to the customer's choice rather than a chat that refuses to start.
 */
export async function surfaceChat(db: D1Database, accountId: string, surface: Surface): Promise<SurfaceChat | null> {
  const settingsOf = (await loadSurfaces(db, accountId))[surface];
  if (!settingsOf.chatEnabled) return null;
  let departmentId = settingsOf.departmentId;
  if (departmentId) {
    const department = await database(db)
      .select({ active: departments.active })
      .from(departments)
      .where(and(eq(departments.id, departmentId), eq(departments.accountId, accountId)))
      .get();
    if (!department?.active) departmentId = null;
  }
  return { origin: SURFACE_ORIGINS[surface], departmentId };
}
