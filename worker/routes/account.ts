/**
 * Configurações da Conta (/api/account), administrators only: the account's name, time zone,
 * language, allowed sites, retention and the Painel do Cliente's slug (`panelSlug`, 409
 * `slug_taken` when another account has it); a new public key (widgets with the old one stop
 * opening new sessions; sockets already open go on); a new identity secret (hashes signed with
 * the old one fail). Every change writes its audit entry in the same batch; secrets never go
 * into the log.
 */
import { and, eq, ne, or } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { requireAdministrator } from "../access";
import { AccountPatch, accountChanges, toAccountView } from "../account-settings";
import { auditEntry, requestActor } from "../audit";
import { randomToken } from "../auth/encoding";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../errors";
import { isUniqueViolation } from "../db/guarded";
import { pushHours } from "../hours/rooms";
import { parseBody } from "../validate";
import type { AccountResponse } from "../views-gestao";

async function accountRow(c: Context<AppEnv>) {
  const row = await database(c.env.DB).select().from(accounts).where(eq(accounts.id, c.get("attendant").accountId)).get();
  if (!row) throw notFound("No such account");
  return row;
}

/** Sets `values` on the signed-in attendant's account with one audit entry, in one batch; returns the new row. */
async function updateAccount(
  c: Context<AppEnv>,
  values: Partial<typeof accounts.$inferInsert>,
  action: "account.updated" | "account.public_key_regenerated" | "account.secret_regenerated",
  detail?: Record<string, unknown>,
) {
  const { actor, ip, accountId } = requestActor(c);
  const db = database(c.env.DB);
  const [rows] = await db.batch([
    db.update(accounts).set(values).where(eq(accounts.id, accountId)).returning(),
    auditEntry(db, { accountId, actor, ip, action, target: { type: "account", id: accountId }, detail }),
  ]);
  const row = rows[0];
  if (!row) throw notFound("No such account");
  return row;
}

const slugTaken = () => conflict("slug_taken", "Another account uses this address", "panelSlug");

/** 409 `slug_taken` when the slug is another account's slug or public key (both name a panel at /p/<key>/). */
async function requireFreeSlug(c: Context<AppEnv>, slug: string) {
  const taken = await database(c.env.DB)
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(or(eq(accounts.panelSlug, slug), eq(accounts.publicKey, slug)), ne(accounts.id, c.get("attendant").accountId)))
    .get();
  if (taken) throw slugTaken();
}

export const accountRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .use(requireAdministrator)
  .get("/", async (c) => c.json({ account: toAccountView(await accountRow(c)) } satisfies AccountResponse))
  .patch("/", async (c) => {
    const patch = await parseBody(c, AccountPatch);
    const row = await accountRow(c);
    const changes = accountChanges(row, patch);
    // Saving the time zone unchanged still confirms it (the setup checklist's "hours" item reads `fields`).
    const confirmsTimeZone = patch.timeZone !== undefined;
    if (Object.keys(changes).length === 0 && !confirmsTimeZone) return c.json({ account: toAccountView(row) } satisfies AccountResponse);
    if ("panelSlug" in changes && patch.panelSlug) await requireFreeSlug(c, patch.panelSlug);
    const updated = await updateAccount(c, patch, "account.updated", { changes, fields: Object.keys(patch) }).catch((error: unknown) => {
      // Taken by another account between the check and the write.
      if (isUniqueViolation(error, "accounts.panel_slug")) throw slugTaken();
      throw error;
    });
    // Shifts are read on the account's wall clock: every room's boundaries move with it.
    if ("timeZone" in changes) await pushHours(c.env, updated.id);
    return c.json({ account: toAccountView(updated) } satisfies AccountResponse);
  })
  .post("/public-key", async (c) => {
    const updated = await updateAccount(c, { publicKey: randomToken(24) }, "account.public_key_regenerated");
    return c.json({ account: toAccountView(updated) } satisfies AccountResponse);
  })
  .post("/secret", async (c) => {
    const secret = randomToken(32);
    await updateAccount(c, { secret }, "account.secret_regenerated");
    return c.json({ secret });
  });
