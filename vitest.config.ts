import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations("./migrations");

/**
 * One `npm test`, two projects: the Workers pool (routes, rooms, protocol, in workerd with a
 * real local D1 and real Durable Objects) and Node (browser tests in Chromium against
 * `wrangler dev`, and the deploy build).
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
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts", "test/unit/**/*.test.ts"],
          setupFiles: ["./test/workers/apply-migrations.ts"],
        },
      },
      {
        test: {
          name: "node",
          include: ["test/browser/**/*.test.ts", "test/node/**/*.test.ts", "test/admin/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
