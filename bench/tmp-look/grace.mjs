import { chromium } from "playwright-core";
import { existsSync, writeFileSync } from "node:fs";
const S = "http://127.0.0.1:8788";
const until = async (f) => { while (!existsSync(f)) await new Promise((r) => setTimeout(r, 300)); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
async function desk(email, password, viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.goto(`${S}/admin/`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="status-toggle"]').waitFor();
  return { ctx, page };
}
const comercial = async () => ((await (await fetch(`${S}/api/widget/config?account=demo-public-key`)).json()).departments.find((d) => d.name === "Comercial") ?? {}).online;
const admin = await desk("admin@demo.test", "demo-admin-123");
const bruno = await desk("bruno@demo.test", "demo-bruno-123");
await sleep(2000);
console.log("Comercial online before:", await comercial());
await admin.page.screenshot({ path: "/tmp/look/admin-before.png" });
writeFileSync("/tmp/look/phaseA", "");
await until("/tmp/look/down");
await bruno.ctx.close();
await until("/tmp/look/up");
await sleep(8000);
console.log("Comercial online after restart:", await comercial());
await admin.page.screenshot({ path: "/tmp/look/admin-after-restart.png" });
const t0 = Date.now();
for (;;) {
  await sleep(5000);
  const text = await admin.page.locator("body").innerText();
  if (/Bruno[^\n]*\n?\s*Offline/i.test(text) || Date.now() - t0 > 200000) break;
}
console.log("seconds until Bruno shows offline:", Math.round((Date.now() - t0) / 1000) + 8);
await admin.page.screenshot({ path: "/tmp/look/admin-after-grace.png" });
const phone = await desk("admin@demo.test", "demo-admin-123", { width: 390, height: 844 });
await sleep(2000);
await phone.page.screenshot({ path: "/tmp/look/admin-phone-after-grace.png", fullPage: true });
await browser.close();
