import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("deploying to Cloudflare", () => {
  it("builds the Worker bundle offline with wrangler deploy --dry-run", () => {
    const out = mkdtempSync(join(tmpdir(), "deploy-"));
    try {
      execFileSync(process.execPath, [join(root, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", out, "--minify"], {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
        stdio: "pipe",
      });
      const bundle = readdirSync(out).find((f) => f.endsWith(".js"));
      expect(bundle).toBeDefined();
      // The Worker must stay small: zod is imported as a namespace so most of it is dropped.
      expect(statSync(join(out, bundle!)).size).toBeLessThan(1_000_000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
