/**
 * PUT / DELETE /api/departments/:id/logo/:variant: the pop-up chat's logos (online, offline),
 * changed by administrators and the department's managers. The body is the raw image; its
 * type is decided by its bytes (see worker/logos.ts). The object is stored before D1 names it,
 * so a department never points at a missing file; the replaced one is deleted once no
 * department of the account uses it.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { database } from "../db/client";
import { departments } from "../db/schema";
import { accountDepartment, requireDepartmentEditor, toDepartmentView, type DepartmentRow } from "../department-records";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { LOGO_VARIANTS, type LogoVariant, readLimited, releaseLogo, sniffImage, storeLogo, unsupportedImage } from "../logos";
import type { DepartmentResponse } from "../views-gestao";

/** The column of each variant, as a partial row. */
function logoColumn(variant: LogoVariant, objectName: string | null): Pick<DepartmentRow, "logoOnline"> | Pick<DepartmentRow, "logoOffline"> {
  return variant === "online" ? { logoOnline: objectName } : { logoOffline: objectName };
}

function variantParam(raw: string | undefined): LogoVariant {
  const variant = LOGO_VARIANTS.find((v) => v === raw);
  if (!variant) throw notFound("No such logo variant");
  return variant;
}

/** The department being changed, after the checks every logo change makes (404, 403). */
async function editableDepartment(c: Context<AppEnv>): Promise<DepartmentRow> {
  const who = c.get("attendant");
  const row = await accountDepartment(c.env.DB, who.accountId, c.req.param("id"));
  await requireDepartmentEditor(c.env.DB, who, row.id);
  return row;
}

/** Points the variant at `objectName` (or at nothing) with its audit entry, then frees the old file. */
async function setLogo(c: Context<AppEnv>, row: DepartmentRow, variant: LogoVariant, objectName: string | null) {
  const { actor, ip, accountId } = requestActor(c);
  const previous = variant === "online" ? row.logoOnline : row.logoOffline;
  const updated: DepartmentRow = { ...row, ...logoColumn(variant, objectName) };
  if (previous !== objectName) {
    const db = database(c.env.DB);
    await db.batch([
      db
        .update(departments)
        .set(logoColumn(variant, objectName))
        .where(and(eq(departments.id, row.id), eq(departments.accountId, accountId))),
      auditEntry(db, {
        accountId,
        actor,
        ip,
        action: "department.logo_changed",
        target: { type: "department", id: row.id },
        detail: { variant, file: objectName },
      }),
    ]);
    await releaseLogo(c.env, accountId, previous);
  }
  return c.json({ department: toDepartmentView(updated) } satisfies DepartmentResponse);
}

export const departmentLogoRoutes = new Hono<AppEnv>()
  .put("/:id/logo/:variant", async (c) => {
    const variant = variantParam(c.req.param("variant"));
    const row = await editableDepartment(c);
    const bytes = await readLimited(c.req.raw);
    const ext = sniffImage(bytes);
    if (!ext) throw unsupportedImage();
    const objectName = await storeLogo(c.env.LOGOS, row.accountId, bytes, ext);
    return setLogo(c, row, variant, objectName);
  })
  .delete("/:id/logo/:variant", async (c) => {
    const variant = variantParam(c.req.param("variant"));
    const row = await editableDepartment(c);
    return setLogo(c, row, variant, null);
  });
