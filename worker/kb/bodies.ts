/**
 * The zod bodies and queries of the Base de Conhecimento's console API. Texts lose control
 * characters (a search snippet marks its hits with two of them) and surrounding spaces.
 */
import * as z from "zod";
import { KB_ARTICLE_STATUSES } from "../db/schema";
import { idParam } from "../validate";
import { MAX_ARTICLE_BODY } from "./markdown";
import { MAX_SLUG, SLUG_PATTERN } from "./slug";

// Tabs and line breaks stay (Markdown needs them); every other C0 control and DEL goes.
const withoutControls = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
const line = (max: number) => z.string().transform(withoutControls).pipe(z.string().trim().max(max));
const requiredLine = (max: number) => z.string().transform(withoutControls).pipe(z.string().trim().min(1).max(max));

export const slug = z.string().trim().max(MAX_SLUG).regex(SLUG_PATTERN, "lower-case letters, digits and single dashes");

export const CategoryBody = z.strictObject({
  name: requiredLine(80),
  slug: slug.optional(),
  description: line(300).default(""),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CategoryBody = z.infer<typeof CategoryBody>;

export const CategoryPatch = z.strictObject({
  name: requiredLine(80).optional(),
  slug: slug.optional(),
  description: line(300).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CategoryPatch = z.infer<typeof CategoryPatch>;

const markdown = z.string().transform(withoutControls).pipe(z.string().max(MAX_ARTICLE_BODY));

export const ArticleBody = z.strictObject({
  categoryId: idParam,
  title: requiredLine(160),
  slug: slug.optional(),
  description: line(300).default(""),
  body: markdown,
  status: z.enum(KB_ARTICLE_STATUSES).default("draft"),
});
export type ArticleBody = z.infer<typeof ArticleBody>;

export const ArticlePatch = z.strictObject({
  categoryId: idParam.optional(),
  title: requiredLine(160).optional(),
  slug: slug.optional(),
  description: line(300).optional(),
  body: markdown.optional(),
  status: z.enum(KB_ARTICLE_STATUSES).optional(),
});
export type ArticlePatch = z.infer<typeof ArticlePatch>;

export const PreviewBody = z.strictObject({ body: markdown });

export const ArticleListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: idParam.optional(),
  status: z.enum(KB_ARTICLE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
