/**
 * Worker entry: the Hono app for HTTP (static assets are served before it by the platform),
 * and the department Durable Object class.
 */
import { app } from "./app";

export { DepartmentRoom } from "../durable-objects/department-room";

export default app;
