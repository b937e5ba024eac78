import { Hono } from "hono";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import type { AppEnv } from "../env";
import type { DepartmentsResponse } from "../views";

export const departmentRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => c.json({ departments: await visibleDepartments(c.env.DB, c.get("attendant")) } satisfies DepartmentsResponse));
