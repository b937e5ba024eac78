/**
 * "Personalizar chat" end to end: what the administrator sets in the console shows in the live
 * preview at once and on the host site's next page view; department overrides, the size preset,
 * refusal of invalid input, and customization texts that stay text.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ACCOUNT, ADMIN, attendantConsole } from "./console";
import { background, consoleSection, rgb } from "./flows";
import { hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

interface Look {
  colors: { primary: string; onPrimary: string; background: string };
  size: { width: number; height: number };
  position: string;
  texts: Record<string, string>;
}
interface Config {
  look: Look;
  departments: { id: string; look: Look }[];
}

async function widgetConfig(): Promise<Config> {
  const res = await fetch(`${h.server}/api/widget/config?account=${ACCOUNT}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Config;
}

/** The administrator's console on "Personalizar chat", with the account's look loaded. */
async function customizePage(): Promise<Page> {
  const admin = await attendantConsole(h, await contexts.new(), ADMIN);
  await consoleSection(admin, "nav-customize");
  await admin.locator('input[name="colors.primary"]').waitFor();
  return admin;
}

async function save(admin: Page): Promise<void> {
  await admin.locator('[data-testid="save-settings"]').click();
  await admin.locator('[data-testid="settings-saved"]').waitFor();
}

describe("Personalizar chat", () => {
  it("shows a new primary colour and title in the live preview while typing, and on the host site's next page view", async () => {
    const shop = hostPage(h, "/look.html");
    const customer = await (await contexts.new()).newPage();
    await customer.goto(shop);
    await expect.poll(() => background(launcher(customer))).toBe(rgb("#1a73e8"));

    const admin = await customizePage();
    const header = admin.locator('[data-testid="look-preview"] [data-testid="preview-header"]');
    await expect.poll(() => background(header)).toBe(rgb("#1a73e8"));
    const primary = admin.locator('input[name="colors.primary"]');
    await primary.fill("");
    await primary.pressSequentially("#b03a2e");
    await admin.locator('input[name="texts.pt-BR.title"]').fill("Fale com a Loja Exemplo");
    // Not saved yet: the preview follows the draft.
    await expect.poll(() => background(header)).toBe(rgb("#b03a2e"));
    await expect.poll(() => admin.locator('[data-testid="preview-title"]').textContent()).toBe("Fale com a Loja Exemplo");
    expect(await admin.locator('[data-testid="settings-saved"]').count()).toBe(0);
    expect((await widgetConfig()).look.colors.primary).toBe("#1a73e8");
    await save(admin);

    // The page that was already open keeps what it loaded; the next page view has the new look.
    await customer.reload();
    await expect.poll(() => background(launcher(customer))).toBe(rgb("#b03a2e"));
    await launcher(customer).click();
    await expect.poll(() => customer.locator('[part="title"]').textContent()).toBe("Fale com a Loja Exemplo");
    await expect.poll(() => background(customer.locator('[part="header"]'))).toBe(rgb("#b03a2e"));
  });

  it("applies a department's colour override to that department's widget only", async () => {
    const admin = await customizePage();
    await admin.locator('select[name="scope"]').selectOption("dep-comercial");
    const primary = admin.locator('input[name="colors.primary"]');
    // The department's own form starts empty: every field inherits from the account.
    await expect.poll(() => primary.inputValue()).toBe("");
    await primary.fill("#0b8043");
    await save(admin);

    const accountColour = (await widgetConfig()).look.colors.primary;
    expect(accountColour).not.toBe("#0b8043");
    const comercial = hostPage(h, "/comercial.html", { embeds: [' data-department="dep-comercial"'] });
    const suporte = hostPage(h, "/suporte.html", { embeds: [' data-department="dep-suporte"'] });
    const customer = await (await contexts.new()).newPage();

    await customer.goto(comercial);
    await expect.poll(() => background(launcher(customer))).toBe(rgb("#0b8043"));
    await launcher(customer).click();
    await expect.poll(() => background(customer.locator('[part="header"]'))).toBe(rgb("#0b8043"));

    await customer.goto(suporte);
    await expect.poll(() => background(launcher(customer))).toBe(rgb(accountColour));
    await launcher(customer).click();
    await expect.poll(() => background(customer.locator('[part="header"]'))).toBe(rgb(accountColour));
  });

  it("gives the open panel the preset size L (420 × 640) on a large viewport", async () => {
    const admin = await customizePage();
    await admin.locator('select[name="size.preset"]').selectOption("L");
    await save(admin);
    expect((await widgetConfig()).look.size).toEqual({ width: 420, height: 640 });

    const shop = hostPage(h, "/size.html");
    const customer = await (await contexts.new({ viewport: { width: 1280, height: 900 } })).newPage();
    await customer.goto(shop);
    await launcher(customer).click();
    const panel = customer.locator('[part="panel"]');
    await panel.waitFor();
    await expect
      .poll(() => panel.evaluate((el) => [getComputedStyle(el).width, getComputedStyle(el).height]))
      .toEqual(["420px", "640px"]);
    const box = await panel.boundingBox();
    expect(box && { width: Math.round(box.width), height: Math.round(box.height) }).toEqual({ width: 420, height: 640 });
  });

  it("refuses an invalid colour with 400 and changes nothing", async () => {
    const context = await contexts.new();
    const login = await context.request.post(`${h.server}/api/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password } });
    expect(login.status()).toBe(200);
    const before = await widgetConfig();
    const stored = await (await context.request.get(`${h.server}/api/settings`)).json();

    const account = await context.request.put(`${h.server}/api/settings`, {
      data: { ...stored.account, look: { ...stored.account.look, colors: { ...stored.account.look.colors, primary: "red" } } },
      headers: { "if-match": stored.etags.account },
    });
    expect(account.status()).toBe(400);
    const error = (await account.json()).error;
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain("look.colors.primary");

    const department = await context.request.put(`${h.server}/api/settings/departments/dep-suporte`, {
      data: { look: { colors: { primary: "#12345" } } },
      headers: { "if-match": stored.etags.departments["dep-suporte"] },
    });
    expect(department.status()).toBe(400);

    const after = await widgetConfig();
    expect(after.look).toEqual(before.look);
    expect(after.departments.map((d) => d.look)).toEqual(before.departments.map((d) => d.look));
    expect(await (await context.request.get(`${h.server}/api/settings`)).json()).toEqual(stored);
  });

  it("shows markup in a customization text literally, in the widget and in the console preview", async () => {
    const payload = `<img src=x onerror="window.__xss=1">`;
    const admin = await customizePage();
    await admin.locator('input[name="texts.pt-BR.title"]').fill(payload);
    const previewTitle = admin.locator('[data-testid="preview-title"]');
    await expect.poll(() => previewTitle.textContent()).toBe(payload);
    expect(await previewTitle.locator("img").count()).toBe(0);
    await save(admin);

    const shop = hostPage(h, "/xss.html");
    const customer = await (await contexts.new()).newPage();
    await customer.goto(shop);
    await launcher(customer).click();
    const title = customer.locator('[part="title"]');
    await expect.poll(() => title.textContent()).toBe(payload);
    expect(await customer.locator('[part="header"] img').count()).toBe(0);

    for (const page of [customer, admin]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    }
  });
});
