import type { Context } from "hono";
import * as z from "zod";
import { badRequest } from "./errors";

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** Parses the JSON body with `schema`; a missing, malformed or invalid body is a 400. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw badRequest("The body must be JSON");
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw badRequest(describe(result.error), firstField(result.error));
  return result.data;
}

/** The path of the first problem (`email`, `intervals.0.start`), for a form to show it there. */
function firstField(error: z.ZodError): string | undefined {
  const path = error.issues[0]?.path;
  return path?.length ? path.join(".") : undefined;
}

/** Parses the query string with `schema`; invalid values are a 400. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw badRequest(describe(result.error));
  return result.data;
}

/** A string id in a path parameter. */
export const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
