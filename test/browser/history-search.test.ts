/**
 * The Histórico's search in Chromium: filters typed in the form land in the URL, a bookmarked
 * URL reloaded gives the same results, the back button returns to the previous search, label
 * chips are readable, and "Exportar CSV" downloads the filtered list. Labeled chats are inserted
 * straight into the app's local D1 (the labels API is another part of issue 10).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { quietEnv, root } from "../../scripts/local-server.mjs";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, attendantConsole } from "./console";
import { useHarness } from "./harness";
import { clickNav } from "./flows";

const { h, contexts } = useHarness();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const sq = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

/** Three closed chats of the demo account with messages and labels, written with wrangler d1 execute. */
function seed(): void {
  const now = Date.now();
  const chats = [
    { n: 9001, name: "Rita Boleto", email: "rita@example.com", body: "Não consigo pagar o boleto", labels: ["lab-fin", "lab-urg"] },
    { n: 9002, name: "Paulo Senha", email: "paulo@example.com", body: "Quero trocar a senha", labels: ["lab-senha"] },
    { n: 9003, name: '=cmd|"/c calc"!A1', email: "evil@example.com", body: "boleto vencido", labels: [] },
  ];
  const sql = [
    `INSERT INTO labels (id, account_id, name, name_key, color, created_at, updated_at) VALUES ('lab-fin', 'demo-account', 'Financeiro', 'financeiro', '#15803d', ${now}, ${now}), ('lab-urg', 'demo-account', 'Urgente', 'urgente', '#fde047', ${now}, ${now}), ('lab-senha', 'demo-account', 'Senha', 'senha', '#7c3aed', ${now}, ${now})`,
    ...chats.flatMap((c, i) => {
      const at = now - (10 - i) * 60_000;
      return [
        `INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES ('cus-${c.n}', 'demo-account', ${sq(c.name)}, ${sq(c.email)}, ${at}, ${at})`,
        `INSERT INTO chats (id, account_id, number, department_id, customer_id, attendant_id, status, origin, created_at, closed_at) VALUES ('chat-${c.n}', 'demo-account', ${c.n}, 'dep-suporte', 'cus-${c.n}', 'att-ana', 'closed', 'widget', ${at}, ${at + 1000})`,
        `INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, created_at) VALUES ('msg-${c.n}', 'demo-account', 'chat-${c.n}', 1, 'customer', ${sq(c.name)}, ${sq(c.body)}, ${at})`,
        ...c.labels.map((l) => `INSERT INTO chat_labels (account_id, chat_id, label_id, applied_by, created_at) VALUES ('demo-account', 'chat-${c.n}', '${l}', 'attendant', ${at})`),
      ];
    }),
  ];
  const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  execFileSync(process.execPath, [wrangler, "d1", "execute", "DB", "--local", "--persist-to", h.state, "--command", sql.join("; ")], { cwd: root, env: quietEnv, stdio: "pipe" });
}

const SEEDED_LABELS = [
  { id: "lab-fin", name: "Financeiro", color: "#15803d" },
  { id: "lab-senha", name: "Senha", color: "#7c3aed" },
  { id: "lab-urg", name: "Urgente", color: "#fde047" },
];

/**
 * The labels API (GET /api/labels) is the Rótulos part of issue 10: while this branch has no such
 * route (404), the filter gets the seeded labels from here; once it exists its answer goes through.
 */
async function labelsApi(context: BrowserContext): Promise<void> {
  await context.route("**/api/labels", async (route) => {
    const real = await route.fetch();
    if (real.status() !== 404) return route.fulfill({ response: real });
    return route.fulfill({ json: { labels: SEEDED_LABELS } });
  });
}

const numbers = (page: Page) => page.locator('[data-testid="history-item"] .number').allTextContents();

async function results(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => numbers(page), { timeout: 10_000 }).toEqual(expected);
}

describe("Histórico: search, bookmark, export", () => {
  it("filters by text and labels through the URL, survives a reload and the back button, and exports the filtered CSV", async () => {
    seed();
    const context = await contexts.new({ viewport: DESKTOP, acceptDownloads: true });
    await labelsApi(context);
    const page = await attendantConsole(h, context, ADMIN);
    await clickNav(page, "nav-history");
    await page.locator('[data-testid="history-filters"]').waitFor();

    await page.fill('[data-testid="history-q"]', "nao consigo");
    await page.click('[data-testid="history-apply"]');
    await results(page, ["#9001"]);
    expect(new URL(page.url()).hash).toBe("#/history?q=nao+consigo");
    const chips = page.locator('[data-chat-id="chat-9001"] [data-testid="label-chip"]');
    expect(await chips.allTextContents()).toEqual(["Financeiro", "Urgente"]);
    // Yellow gets black text, green white: readable either way.
    expect(await chips.nth(1).evaluate((el) => getComputedStyle(el).color)).toBe("rgb(0, 0, 0)");
    expect(await chips.nth(0).evaluate((el) => getComputedStyle(el).color)).toBe("rgb(255, 255, 255)");

    // Labels: any of them; the text filter cleared first.
    await page.fill('[data-testid="history-q"]', "");
    await page.click("details.labels summary");
    await page.check('[data-testid="history-labels"] input[value="lab-fin"]');
    await page.check('[data-testid="history-labels"] input[value="lab-senha"]');
    await page.click('[data-testid="history-apply"]');
    await results(page, ["#9002", "#9001"]);
    const bookmarked = page.url();
    expect(new URL(bookmarked).hash).toBe("#/history?labelId=lab-fin&labelId=lab-senha");
    await snap(page, "history-desktop");
    await expectNoSeriousA11yViolations(page);

    // The bookmark, opened again, gives the same results and the same form.
    await page.goto("about:blank");
    await page.goto(bookmarked);
    await results(page, ["#9002", "#9001"]);
    expect(await page.isChecked('[data-testid="history-labels"] input[value="lab-senha"]')).toBe(true);

    // Back (past about:blank and the labels search): the text search again, its field filled in.
    await page.goBack();
    await page.goBack();
    await results(page, ["#9002", "#9001"]);
    await page.goBack();
    await results(page, ["#9001"]);
    expect(await page.inputValue('[data-testid="history-q"]')).toBe("nao consigo");

    // The CSV of a search for "boleto": both chats, the formula-like name neutralised.
    await page.fill('[data-testid="history-q"]', "boleto");
    await page.click('[data-testid="history-apply"]');
    await results(page, ["#9003", "#9001"]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="history-export"]')]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe('"number","status","created_at","closed_at","department","attendant","customer_name","customer_email","origin","page_url","messages","labels"');
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(['"9003"', '"9001"']);
    expect(lines[1]).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(lines[2]).toContain('"Financeiro; Urgente"');
  });

  it("reads on a phone and passes axe there", async () => {
    const context = await contexts.new({ viewport: PHONE });
    await labelsApi(context);
    const page = await attendantConsole(h, context, ADMIN);
    await page.goto(`${h.server}/admin/#/history?status=all&labelId=lab-fin`);
    await results(page, ["#9001"]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "history-phone");
    await expectNoSeriousA11yViolations(page);
  });
});
