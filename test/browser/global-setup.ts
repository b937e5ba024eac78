/**
 * Runs once per `vitest run` of the node project, in Node: migrates and seeds one local D1
 * (two wrangler CLI runs, about 6 s on this machine) that every browser-test file then copies
 * into its own state directory, instead of preparing it again per file. Each file still starts
 * from a fresh, identical database. Comercial's business hours are left out (`openAllHours`),
 * so no test depends on the hour it runs at.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../scripts/local-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** A `--persist-to` directory with the migrated, seeded D1 (read-only: copy it). */
    preparedState: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "atendimento-e2e-template-"));
  prepareDatabase(dir, { openAllHours: true });
  project.provide("preparedState", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
