/**
 * Reports for the console. Satisfaction: the survey answers averaged per attendant and per
 * department, over the departments the attendant may see (all of the account's for an
 * administrator). The rows per attendant are narrower (docs/API.md "Visibility"): an
 * administrator sees everyone's, a department manager the answers of the departments they manage
 * plus their own, a plain attendant only their own row; the department totals stay the same
 * for all. Aggregated in D1 with GROUP BY: nothing is loaded row by row.
 */
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendantDepartments, attendants, chatSurveys, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { parseQuery } from "../validate";
import type { SatisfactionReportResponse, SatisfactionRow } from "../views";

/** More rows than any account has attendants or departments; the answer stays bounded. */
const MAX_ROWS = 500;

const PeriodQuery = z.object({
  /** Epoch ms, inclusive. */
  from: z.coerce.number().int().min(0).optional(),
  /** Epoch ms, exclusive. */
  to: z.coerce.number().int().min(0).optional(),
});

const aggregates = {
  answers: sql<number>`COUNT(*)`,
  averageGrade: sql<number>`AVG(${chatSurveys.grade})`,
  solvedRate: sql<number>`AVG(${chatSurveys.solved})`,
};

/** Which answers `who` may count: a subquery, so no list of ids is bound (D1 allows 100 parameters). */
function visibleAnswers(db: D1Database, who: SessionAttendant, period: z.infer<typeof PeriodQuery>) {
  const mine =
    who.role === "administrator"
      ? undefined
      : inArray(
          chatSurveys.departmentId,
          database(db)
            .select({ id: attendantDepartments.departmentId })
            .from(attendantDepartments)
            .where(and(eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.accountId, who.accountId))),
        );
  return and(
    eq(chatSurveys.accountId, who.accountId),
    mine,
    period.from !== undefined ? gte(chatSurveys.createdAt, period.from) : undefined,
    period.to !== undefined ? lt(chatSurveys.createdAt, period.to) : undefined,
  );
}

/**
 * Which answers count in the rows per attendant, within {@link visibleAnswers}: one's own, and
 * for a department manager those of the departments they manage (a subquery, as above).
 */
function attendantRowsScope(db: D1Database, who: SessionAttendant): SQL | undefined {
  if (who.role === "administrator") return undefined;
  const own = eq(chatSurveys.attendantId, who.id);
  if (who.role !== "department_manager") return own;
  const managed = database(db)
    .select({ id: attendantDepartments.departmentId })
    .from(attendantDepartments)
    .where(and(eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.accountId, who.accountId), eq(attendantDepartments.manages, true)));
  return or(own, inArray(chatSurveys.departmentId, managed));
}

function toRow(row: SatisfactionRow): SatisfactionRow {
  return {
    id: row.id,
    name: row.name,
    answers: Number(row.answers),
    averageGrade: Number(row.averageGrade),
    solvedRate: Number(row.solvedRate),
  };
}

export const reportRoutes = new Hono<AppEnv>().use(requireAttendant).get("/satisfaction", async (c) => {
  const who = c.get("attendant");
  const where = visibleAnswers(c.env.DB, who, parseQuery(c, PeriodQuery));
  const orm = database(c.env.DB);
  const [byDepartment, byAttendant] = await Promise.all([
    orm
      .select({ id: departments.id, name: departments.name, ...aggregates })
      .from(chatSurveys)
      .innerJoin(departments, and(eq(departments.id, chatSurveys.departmentId), eq(departments.accountId, chatSurveys.accountId)))
      .where(where)
      .groupBy(departments.id, departments.name)
      .orderBy(asc(departments.name))
      .limit(MAX_ROWS),
    orm
      .select({ id: attendants.id, name: attendants.name, ...aggregates })
      .from(chatSurveys)
      .innerJoin(attendants, and(eq(attendants.id, chatSurveys.attendantId), eq(attendants.accountId, chatSurveys.accountId)))
      .where(and(where, attendantRowsScope(c.env.DB, who)))
      .groupBy(attendants.id, attendants.name)
      .orderBy(asc(attendants.name))
      .limit(MAX_ROWS),
  ]);
  return c.json({ byAttendant: byAttendant.map(toRow), byDepartment: byDepartment.map(toRow) } satisfies SatisfactionReportResponse);
});
