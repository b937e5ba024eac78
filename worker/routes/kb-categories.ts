/**
 * Base de Conhecimento, console (/api/kb/categories): every attendant lists the categories;
 * administrators and knowledge-base editors create, edit and delete them (worker/kb/editor.ts).
 * A category with articles cannot be deleted (409 `category_not_empty`). Each change is one
 * batch with its audit entry. Another account's id is 404.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { kbArticles, kbCategories } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { CategoryBody, CategoryPatch } from "../kb/bodies";
import { canEditKb, publicKeyOf, requireKbEditor } from "../kb/editor";
import { RESERVED_CATEGORY_SLUGS, slugify } from "../kb/slug";
import { accountCategories, categorySlugFree, findCategory, isSlugClash, type KbCategoryRow } from "../kb/store";
import { idParam, parseBody } from "../validate";
import type { KbCategoriesResponse, KbCategoryResponse, KbCategoryView } from "../views-kb";

const slugTaken = () => conflict("slug_taken", "Another category already uses this slug", "slug");

/** The slug a category gets: the one given, or the name's; 409 when taken or reserved, 400 when the name has none. */
async function freeSlug(db: D1Database, accountId: string, wanted: string, exceptId?: string): Promise<string> {
  if (!wanted) throw badRequest("slug: the name has no letter or digit to make one from; give one", "slug");
  if (RESERVED_CATEGORY_SLUGS.includes(wanted) || !(await categorySlugFree(db, accountId, wanted, exceptId))) throw slugTaken();
  return wanted;
}

async function target(c: Context<AppEnv>, accountId: string): Promise<KbCategoryRow> {
  const id = idParam.safeParse(c.req.param("id"));
  const row = id.success ? await findCategory(c.env.DB, accountId, id.data) : undefined;
  if (!row) throw notFound("No such category");
  return row;
}

async function viewOf(db: D1Database, accountId: string, id: string): Promise<KbCategoryView> {
  const found = (await accountCategories(db, accountId)).find((x) => x.id === id);
  if (!found) throw notFound("No such category");
  return found;
}

/** Runs a batch, turning a raced slug into 409 `slug_taken`. */
async function write(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (isSlugClash(error)) throw slugTaken();
    throw error;
  }
}

export const kbCategoryRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const [categories, canEdit, key] = await Promise.all([accountCategories(c.env.DB, who.accountId), canEditKb(c.env.DB, who), publicKeyOf(c.env.DB, who.accountId)]);
    return c.json({ categories, canEdit, publicUrl: `/kb/${encodeURIComponent(key)}/` } satisfies KbCategoriesResponse);
  })
  .post("/", async (c) => {
    const who = await requireKbEditor(c);
    const body = await parseBody(c, CategoryBody);
    const slug = await freeSlug(c.env.DB, who.accountId, body.slug ?? slugify(body.name));
    const now = Date.now();
    const row: KbCategoryRow = { id: crypto.randomUUID(), accountId: who.accountId, name: body.name, slug, description: body.description, position: body.position, createdAt: now, updatedAt: now };
    const db = database(c.env.DB);
    await write(() =>
      db.batch([
        db.insert(kbCategories).values(row),
        auditEntry(db, { ...requestActor(c), action: "kb.category_created", target: { type: "kb_category", id: row.id }, detail: { name: row.name, slug }, at: now }),
      ]),
    );
    return c.json({ category: await viewOf(c.env.DB, who.accountId, row.id) } satisfies KbCategoryResponse, 201);
  })
  .patch("/:id", async (c) => {
    const who = await requireKbEditor(c);
    const before = await target(c, who.accountId);
    const patch = await parseBody(c, CategoryPatch);
    if (patch.slug !== undefined && patch.slug !== before.slug) await freeSlug(c.env.DB, who.accountId, patch.slug, before.id);
    const after = { ...before, ...patch, updatedAt: Date.now() };
    const fields = (["name", "slug", "description", "position"] as const).filter((k) => before[k] !== after[k]);
    if (fields.length > 0) {
      const db = database(c.env.DB);
      const { name, slug, description, position, updatedAt } = after;
      await write(() =>
        db.batch([
          db.update(kbCategories).set({ name, slug, description, position, updatedAt }).where(and(eq(kbCategories.id, before.id), eq(kbCategories.accountId, who.accountId))),
          auditEntry(db, { ...requestActor(c), action: "kb.category_updated", target: { type: "kb_category", id: before.id }, detail: { name, fields }, at: updatedAt }),
        ]),
      );
    }
    return c.json({ category: await viewOf(c.env.DB, who.accountId, before.id) } satisfies KbCategoryResponse);
  })
  .delete("/:id", async (c) => {
    const who = await requireKbEditor(c);
    const row = await target(c, who.accountId);
    const db = database(c.env.DB);
    const articles = await db.$count(kbArticles, and(eq(kbArticles.accountId, who.accountId), eq(kbArticles.categoryId, row.id)));
    if (articles > 0) throw conflict("category_not_empty", "Move or delete the category's articles first");
    // The articles' foreign key fails the batch if one was written since the count: nothing is deleted then.
    await db.batch([
      db.delete(kbCategories).where(and(eq(kbCategories.id, row.id), eq(kbCategories.accountId, who.accountId))),
      auditEntry(db, { ...requestActor(c), action: "kb.category_deleted", target: { type: "kb_category", id: row.id }, detail: { name: row.name, slug: row.slug } }),
    ]);
    return c.body(null, 204);
  });
