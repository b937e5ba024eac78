/**
 * Runs once per `vitest run` of the node project, in Node: migrates and seeds one local D1
 * (two wrangler CLI runs, about 6 s on this machine) that every browser-test file then copies
 * into its own state directory, instead of preparing it again per file. Each file still starts
 * from a fresh, identical database. Comercial's business hours are left out (`openAllHours`),
 * so no test depends on the hour it runs at. It also finds the browser once (unpacking the npm
 * package's Chromium when the machine has none), so no test file pays for that or races another.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { prepareDatabase } from "../../scripts/local-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** A `--persist-to` directory with the migrated, seeded D1 (read-only: copy it). */
    preparedState: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // A machine without any browser still runs the node tests that need none; the harness then
  // throws the same message for each browser test file.
  await chromiumLaunchOptions().then(
    (browser) => console.log(`Browser tests: Chromium from ${browser.source} (${browser.executablePath})`),
    (error: Error) => console.warn(error.message),
  );
  const dir = mkdtempSync(join(tmpdir(), "atendimento-e2e-template-"));
  prepareDatabase(dir, { openAllHours: true });
  project.provide("preparedState", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
