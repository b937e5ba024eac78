import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations("./migrations");

/**
 * One `npm test`, three projects: the Workers pool (routes, rooms, protocol, in workerd with a
 * real local D1 and real Durable Objects), the console's pure state logic (plain Node, seconds)
 * and Node (browser tests in Chromium against `wrangler dev`, and the deploy build). Vitest 4
 * runs a project with `fileParallelism: false` in a group of its own after the others, so the
 * browser tests never share the CPU with the rest of the suite.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TOKEN_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
                EMAIL_SECRET: "test-email-secret-0123456789abcdef0123456789",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts", "test/unit/**/*.test.ts"],
          setupFiles: ["./test/workers/apply-migrations.ts"],
          // Real SMTP servers in Node for the e-mail tests (test/node/mail-lab.ts), reached over loopback.
          globalSetup: ["./test/node/mail-lab.ts"],
        },
      },
      {
        test: {
          name: "console",
          include: ["test/admin/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "node",
          include: ["test/browser/**/*.test.ts", "test/node/**/*.test.ts"],
          environment: "node",
          globalSetup: ["./test/browser/global-setup.ts"],
          // Each browser file starts its own `wrangler dev` and Chromium: one file at a time on
          // two cores, with room for a slow start.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A bare expect.poll waits 1 s by default: too short for a change that crosses wrangler
          // dev, a room and a page on a loaded CI machine. A poll that passes returns at once.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
