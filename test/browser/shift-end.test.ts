/**
 * Horários de Atendimento at a real boundary: Suporte and Ana get a shift that ends at a whole
 * minute a few dozen seconds from now, on the account's clock. Under `wrangler dev` a test
 * cannot fire a room's alarm, so the test waits for the real one (at most about 80 s: the
 * boundary is the next whole minute, or the one after when fewer than 25 s are left, so the
 * setup always finishes before it). Meanwhile a waiting customer sees their queue position; at
 * the boundary the attendant hears their shift ended, the open chat goes on both ways, the
 * waiting customer is offered the offline form with what they wrote, and a new visitor gets the
 * offline form. `SCREENSHOTS=dir` saves what the customers see.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { wallClock } from "../../worker/hours/zone";
import { ADMIN, agentSays, ANA, acceptFromQueue, attendantConsole, customerMessagesSeen, expectDepartment, queueItem } from "./console";
import { attendantMessage } from "./flows";
import { customerSays, hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

const SUPORTE = "dep-suporte";
const ANA_ID = "att-ana";
/** Time the setup needs (shift, logins, two chats) before the boundary, with room to spare. */
const SETUP_MS = 25_000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** `HH:MM` of a minute of the day (wraps past midnight: an end ≤ start runs into the next day). */
const hhmm = (minute: number): string => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/** Calls the API from the administrator's console (same origin, its session cookie). */
async function asAdmin(admin: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return admin.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: res.status === 204 ? null : await res.json() };
    },
    { method, path, body },
  );
}

/**
 * A shift for Suporte from the current minute to a whole minute soon, with Ana linked to it;
 * resolves to the boundary (epoch ms).
 */
async function shiftEndingSoon(admin: Page): Promise<number> {
  const { json: shifts } = await asAdmin(admin, "GET", "/api/shifts");
  const zone: string = shifts.timeZone;
  const now = Date.now();
  const untilNextMinute = 60_000 - (now % 60_000);
  const endsAt = now + untilNextMinute + (untilNextMinute < SETUP_MS ? 60_000 : 0);
  const clock = wallClock(now, zone);
  const endMinute = clock.minute + (untilNextMinute < SETUP_MS ? 2 : 1);
  const body = { name: "Plantão curto", scope: SUPORTE, intervals: [{ day: clock.weekday, start: hhmm(clock.minute), end: hhmm(endMinute) }] };
  const created = await asAdmin(admin, "POST", "/api/shifts", body);
  expect(created.status).toBe(201);
  const linked = await asAdmin(admin, "PATCH", `/api/attendants/${ANA_ID}`, { shiftId: created.json.shift.id });
  expect(linked.status).toBe(200);
  return endsAt;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `shift-end-${name}.png`) });
}

describe("a shift ending", () => {
  it("leaves the open chat writable, offers the waiting customer the offline form, and shows the offline form to a new visitor", async () => {
    const admin = await attendantConsole(h, await contexts.new(), ADMIN);
    const endsAt = await shiftEndingSoon(admin);

    const ana = await attendantConsole(h, await contexts.new(), ANA);
    await expectDepartment(h, SUPORTE, true);
    const page = hostPage(h, "/turno.html", { embeds: [` data-department="${SUPORTE}"`] });

    const served = await contexts.page({ viewport: DESKTOP });
    await served.goto(page);
    await launcher(served).click();
    await startChat(panel(served), { name: "Caio Atendido", email: "caio@example.com", message: "Meu pedido atrasou" });
    await acceptFromQueue(ana, "Caio Atendido");

    // A second customer waits: their place in the queue shows in the status line (a live region).
    const waiting = await contexts.page({ viewport: PHONE });
    await waiting.goto(page);
    await launcher(waiting).click();
    await startChat(panel(waiting), { name: "Dora Fila", email: "dora@example.com", message: "Quero trocar o tamanho" });
    await customerSays(panel(waiting), "É o pedido 1234");
    const status = panel(waiting).locator('[part="status"]');
    await expect.poll(() => status.textContent()).toContain("Você é o 1º da fila.");
    expect(await status.getAttribute("role")).toBe("status");
    await shot(waiting, "position-phone");
    expect(Date.now()).toBeLessThan(endsAt - 2_000);

    // The boundary: wait for the rooms' own alarms.
    await ana.locator("text=Seu turno terminou").waitFor({ timeout: endsAt - Date.now() + 20_000 });
    await expect.poll(() => ana.locator('[data-testid="status-toggle"]').getAttribute("aria-pressed")).toBe("false");

    // The open chat goes on both ways.
    await customerSays(panel(served), "Ainda está aí?");
    await customerMessagesSeen(ana).filter({ hasText: "Ainda está aí?" }).waitFor();
    await agentSays(ana, "Sim, já resolvo.");
    await attendantMessage(served, "Sim, já resolvo.").waitFor();

    // The waiting customer is told, and offered the offline form with what they wrote.
    const offline = panel(waiting).locator('form[part="offline-form"]');
    await offline.waitFor();
    await expect.poll(() => status.textContent()).toBe("Nosso horário terminou. Sua conversa continua na fila.");
    expect(await offline.locator('input[name="email"]').inputValue()).toBe("dora@example.com");
    expect(await offline.locator('textarea[name="message"]').inputValue()).toBe("Quero trocar o tamanho\n\nÉ o pedido 1234");
    expect(await panel(waiting).locator('[part="offline-back"]').textContent()).toMatch(/^Voltamos /);
    await shot(waiting, "closed-phone");
    await offline.locator('button[type="submit"]').click();
    await panel(waiting).locator('[part="offline-sent"]', { hasText: "Mensagem enviada!" }).waitFor();
    // Sent instead: the waiting chat ended, so nobody answers it twice.
    await queueItem(ana, "Dora Fila").waitFor({ state: "detached" });
    await expect.poll(async () => (await asAdmin(admin, "GET", "/api/offline-messages")).json.offlineMessages[0]?.message).toBe(
      "Quero trocar o tamanho\n\nÉ o pedido 1234",
    );

    // A new visitor gets the offline form.
    const visitor = await contexts.page({ viewport: DESKTOP });
    await visitor.goto(page);
    await launcher(visitor).click();
    await panel(visitor).locator('form[part="offline-form"]').waitFor();
    expect(await panel(visitor).locator('[part="offline"] h3').textContent()).toBe("Estamos offline");
    await shot(visitor, "visitor-desktop");
  }, 150_000);
});
