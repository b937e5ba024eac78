/**
 * Attachments both ways in real browsers: the customer sends an image and a PDF from the
 * widget, the attendant sees the thumbnail (in a box sized from the image's header) and the
 * PDF chip, and sends an image back; the customer sees it. A signed URL works as given and is
 * refused when expired or tampered with. Axe on both sides; `SCREENSHOTS=dir` saves them.
 */
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { attendantConsole, ANA } from "./console";
import { acceptChat, startChat } from "./flows";
import { hostPage, launcher, useHarness } from "./harness";

const { h } = useHarness();
/** The harness's TOKEN_SECRET (harness.ts), to sign an expired URL as the server would. */
const SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";

/** A real PNG of `w`×`h` in one colour, so that Chromium decodes and paints it. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `attachments-${name}.png`) });
}

/** The loaded image's natural width (0 until it is decoded). */
const naturalWidth = (page: Page, selector: string) => page.locator(selector).last().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

describe("attachments", () => {
  it("go both ways: the customer's image and PDF reach the attendant, whose image reaches the customer; URLs expire and refuse tampering", async () => {
    const agentContext = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await attendantConsole(h, agentContext, ANA);
    const customerContext = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    await customer.goto(hostPage(h, "/anexos.html"));
    await launcher(customer).click();
    const chatId = await startChat(customer, { name: "Clara Anexo", email: "clara@example.com", department: "Suporte", message: "Segue a foto do defeito" });
    await acceptChat(agent, chatId);

    // The customer sends an image and a PDF; the upload code arrives only now.
    expect(await customer.evaluate(() => [...document.scripts].some((s) => s.src.includes("widget-attach.js")))).toBe(false);
    await customer.locator("#tt-file").setInputFiles({ name: "defeito.png", mimeType: "image/png", buffer: png(400, 300, [200, 40, 40]) });
    const agentImage = '[data-testid="message"][data-author="customer"] [data-testid="attachment-image"] img';
    await expect.poll(() => naturalWidth(agent, agentImage), { timeout: 10_000 }).toBe(400);
    const box = await agent.locator(agentImage).last().boundingBox();
    expect(box).toMatchObject({ width: 240, height: 180 });
    await customer.locator("#tt-file").setInputFiles({ name: "nota-fiscal.pdf", mimeType: "application/pdf", buffer: PDF });
    const chip = agent.locator('[data-testid="message"][data-author="customer"] [data-testid="attachment-file"]');
    await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toContain("nota-fiscal.pdf");
    expect(await chip.textContent()).toContain("kB");
    // The customer's own panel shows both.
    await expect.poll(() => naturalWidth(customer, '[part~="message"][data-author="customer"] tt-file img')).toBe(400);
    await customer.locator('tt-file a[part="file"]', { hasText: "nota-fiscal.pdf" }).waitFor();

    // An unsupported file is refused in words, nothing is sent.
    await customer.locator("#tt-file").setInputFiles({ name: "pagina.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
    await expect.poll(() => customer.locator("#tt-compose-error").textContent()).toContain("PDF");

    // The attendant sends an image back.
    await agent.locator('[data-testid="attach-input"]').setInputFiles({ name: "etiqueta.png", mimeType: "image/png", buffer: png(120, 80, [40, 120, 200]) });
    await expect.poll(() => naturalWidth(customer, '[part~="message"][data-author="attendant"] tt-file img'), { timeout: 10_000 }).toBe(120);
    await expect.poll(() => naturalWidth(agent, '[data-testid="message"][data-author="attendant"] [data-testid="attachment-image"] img')).toBe(120);

    await expectNoSeriousA11yViolations(agent);
    await expectNoSeriousA11yViolations(customer);
    await shot(agent, "console-1280");
    await shot(customer, "widget-390");

    // The URL the console was given works as given, and not when tampered with or expired.
    const src = (await agent.locator(agentImage).last().getAttribute("src"))!;
    const url = new URL(src);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    const sig = url.searchParams.get("sig")!;
    const tampered = new URL(url);
    tampered.searchParams.set("sig", (sig[0] === "A" ? "B" : "A") + sig.slice(1));
    expect((await fetch(tampered)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set("exp", String(Number(url.searchParams.get("exp")) + 86_400_000));
    expect((await (await fetch(longer)).json()).error.code).toBe("bad_signature");
    const [, , accountId, id] = url.pathname.split("/");
    const exp = Date.now() - 1000;
    const expiredSig = createHmac("sha256", SECRET).update(`attachment-url:v1:${accountId}:${id}:${exp}`).digest("base64url");
    const expired = await fetch(`${url.origin}${url.pathname}?exp=${exp}&sig=${expiredSig}`);
    expect(expired.status).toBe(403);
    expect((await expired.json()).error.code).toBe("url_expired");

    await agentContext.close();
    await customerContext.close();
  });
});
