/**
 * The chat switch of each surface we host (/api/account/surfaces), administrators only: read
 * all three, replace one. A fixed department must be one of the account's active departments
 * (another account's id is refused like an unknown one). Each change is audited in its batch.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { requireAdministrator } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, notFound } from "../errors";
import { loadSurfaces, SURFACES, surfacesUpsert, SurfaceChatSettings, type Surface, type SurfacesView } from "../surfaces/settings";
import { parseBody } from "../validate";

function isSurface(value: string): value is Surface {
  return (SURFACES as string[]).includes(value);
}

export const surfaceRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .use(requireAdministrator)
  .get("/", async (c) => c.json({ surfaces: await loadSurfaces(c.env.DB, c.get("attendant").accountId) } satisfies { surfaces: SurfacesView }))
  .put("/:surface", async (c) => {
    const surface = c.req.param("surface");
    if (!isSurface(surface)) throw notFound("No such surface (customer-panel, knowledge-base or app)");
    const body = await parseBody(c, SurfaceChatSettings);
    const { actor, ip, accountId } = requestActor(c);
    const orm = database(c.env.DB);
    if (body.departmentId) {
      const department = await orm
        .select({ active: departments.active })
        .from(departments)
        .where(and(eq(departments.id, body.departmentId), eq(departments.accountId, accountId)))
        .get();
      if (!department?.active) throw badRequest("departmentId: not an active department of this account", "departmentId");
    }
    const surfaces = { ...(await loadSurfaces(c.env.DB, accountId)), [surface]: body };
    await orm.batch([
      surfacesUpsert(orm, accountId, surfaces),
      auditEntry(orm, { accountId, actor, ip, action: "account.surfaces_updated", target: { type: "account", id: accountId }, detail: { surface, ...body } }),
    ]);
    return c.json({ surfaces } satisfies { surfaces: SurfacesView });
  });
