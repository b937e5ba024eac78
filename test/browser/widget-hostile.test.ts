/**
 * The widget on pages it does not control: a site built on a CSS framework (Bootstrap 5, served
 * from node_modules) with aggressive global rules on top, and a customer who uses only the
 * keyboard. One `wrangler dev` for the file; fresh browser contexts per test.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptFromQueue, agentSays, ANA, customerMessagesSeen, onlineAttendant } from "./console";
import {
  chatElement,
  customerSays,
  focused,
  hostPage,
  launcher,
  panel,
  startChat,
  useHarness,
} from "./harness";

const { h, contexts } = useHarness();
beforeAll(() => {
  h.file("/vendor/bootstrap.min.css", createRequire(import.meta.url).resolve("bootstrap/dist/css/bootstrap.min.css"), "text/css");
});

/** Rules a careless (or hostile) site might have, over Bootstrap's own. */
const HOSTILE_CSS = `
* { all: revert !important; font-size: 40px !important }
button { display: none !important; }
textarea, input { visibility: hidden !important }
div { position: static !important }
tomticket-chat * { color: red !important }
`;

const BOOTSTRAP_BODY = `
<nav class="navbar navbar-expand-lg bg-dark" data-bs-theme="dark"><div class="container-fluid"><a class="navbar-brand" href="#">Loja</a></div></nav>
<main class="container py-5"><div class="row"><div class="col">
  <h1 class="display-4">Loja Exemplo</h1>
  <form class="row g-3"><div class="col-auto"><input class="form-control" name="busca" placeholder="Buscar"></div>
  <div class="col-auto"><button class="btn btn-primary" type="submit">Buscar</button></div></form>
</div></div></main>
<footer class="fixed-bottom bg-body-tertiary p-3">Rodapé fixo</footer>`;

describe("a hostile host page", () => {
  it("keeps the launcher and the chat usable and its own look under Bootstrap and aggressive global rules", async () => {
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page({ viewport: { width: 1280, height: 720 } });
    await page.goto(
      hostPage(h, "/hostile.html", {
        head: `<link rel="stylesheet" href="/vendor/bootstrap.min.css"><style>${HOSTILE_CSS}</style>`,
        body: BOOTSTRAP_BODY,
      }),
    );
    // Bootstrap and the page's rules did apply to the page itself.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--bs-primary").trim())).toBe("#0d6efd");
    expect(await page.locator("h1").evaluate((el) => getComputedStyle(el).fontSize)).toBe("40px");
    expect(await page.locator("main button").isVisible()).toBe(false);

    const button = launcher(page);
    await button.waitFor({ state: "visible" });
    const box = await button.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    // A real click at the button's centre: nothing of the page covers it.
    await button.click();

    const widget = chatElement(page);
    const form = panel(page).locator('form[part="form"]');
    await form.waitFor({ state: "visible" });
    const look = await panel(page).evaluate((el) => {
      const style = getComputedStyle(el);
      const title = el.shadowRoot?.querySelector('[part="title"]');
      const input = el.shadowRoot?.querySelector('input[name="name"]');
      return {
        fontSize: style.fontSize,
        titleColor: title ? getComputedStyle(title).color : null,
        inputVisibility: input ? getComputedStyle(input).visibility : null,
      };
    });
    expect(look.fontSize).not.toBe("40px");
    expect(look.fontSize).toBe("14px");
    expect(look.titleColor).not.toBe("rgb(255, 0, 0)");
    expect(look.inputVisibility).toBe("visible");

    await startChat(widget, { name: "Cliente Hostil", email: "hostil@example.com", department: "Suporte", message: "Página com Bootstrap" });
    await acceptFromQueue(agent, "Cliente Hostil");
    await agentSays(agent, "Funciona mesmo assim");
    await widget.locator('[part~="message"][data-author="attendant"]', { hasText: "Funciona mesmo assim" }).waitFor({ state: "visible" });
    await customerSays(widget, "Que bom!");
    await expect.poll(() => customerMessagesSeen(agent).allTextContents()).toEqual(["Página com Bootstrap", "Que bom!"]);
    expect(await panel(page).evaluate((el) => getComputedStyle(el).fontSize)).toBe("14px");
  });
});

describe("a keyboard-only customer", () => {
  it("reaches the launcher with Tab, opens with Enter, fills and submits the form, chats, and Escape closes back to the launcher", async () => {
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page({ viewport: { width: 1280, height: 720 } });
    await page.goto(hostPage(h, "/keyboard.html"));
    await launcher(page).waitFor({ state: "visible" });

    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", part: "launcher" });
    await page.keyboard.press("Enter");
    await panel(page).locator('form[part="form"]').waitFor({ state: "visible" });
    await expect.poll(() => focused(page)).toMatchObject({ tag: "input", name: "name" });

    await page.keyboard.type("Cliente Teclado");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "input", name: "email" });
    await page.keyboard.type("teclado@example.com");
    await page.keyboard.press("Tab");
    // Suporte is the only online department: it is already selected.
    expect(await focused(page)).toMatchObject({ tag: "select", name: "department" });
    expect(await panel(page).locator('select[name="department"]').inputValue()).toBe("dep-suporte");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "textarea", name: "message" });
    await page.keyboard.type("Só uso o teclado");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", part: "start" });
    await page.keyboard.press("Enter");

    // The chat: focus moves to the message input; Enter sends.
    await panel(page).locator('textarea[name="compose"]').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: "textarea", name: "compose" });
    expect(await panel(page).locator('[part="messages"]').getAttribute("aria-live")).toBe("polite");
    await page.keyboard.type("Segunda mensagem");
    await page.keyboard.press("Enter");
    await panel(page).locator('[part~="message"][data-author="customer"][data-seq]', { hasText: "Segunda mensagem" }).waitFor();

    await acceptFromQueue(agent, "Cliente Teclado");
    await expect.poll(() => customerMessagesSeen(agent).allTextContents()).toEqual(["Só uso o teclado", "Segunda mensagem"]);

    await page.keyboard.press("Escape");
    await panel(page).waitFor({ state: "hidden" });
    expect(await chatElement(page).getAttribute("open")).toBeNull();
    expect(await focused(page)).toMatchObject({ tag: "button", part: "launcher" });
    expect(await launcher(page).getAttribute("aria-expanded")).toBe("false");
  });
});
