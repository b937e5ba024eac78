import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/**
 * One drizzle client per D1 binding, kept for the isolate's life: building one walks the whole
 * schema (its relational config), and a request, a timer or a room's D1 copy asks for it many
 * times. The client holds no per-request state, so sharing it is safe.
 */
const clients = new WeakMap<D1Database, ReturnType<typeof create>>();

function create(db: D1Database) {
  return drizzle(db, { schema });
}

/** The drizzle client over the D1 binding. Cheap to call: the client is built once per binding. */
export function database(db: D1Database) {
  let client = clients.get(db);
  if (!client) clients.set(db, (client = create(db)));
  return client;
}
export type Database = ReturnType<typeof database>;
