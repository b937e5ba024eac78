/**
 * Messages a customer's socket sends back to back are stored, shown and kept in the order sent,
 * through a real socket (Chromium's, through `wrangler dev`) while the room lets frames that
 * arrive together share one turn and one commit (durable-objects/shared-turn.ts). The Workers
 * tests cannot assert that order: the test runner's socket may hand the room two back-to-back
 * frames swapped.
 */
import { describe, expect, it } from "vitest";
import type { WebSocketRoute } from "playwright-core";
import { ANA, onlineAttendant } from "./console";
import { chatAnswered, panelMessages } from "./flows";
import { hostPage, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** Under the customer's allowance (a burst of 30); zero-padded so that no body contains another. */
const BODIES = Array.from({ length: 25 }, (_, i) => `Rajada ${String(i + 1).padStart(2, "0")}`);

describe("messages sent back to back", () => {
  it("are stored, shown to both sides and copied to the history in the order the customer's socket sent them", async () => {
    const url = hostPage(h, "/rajada.html", { embeds: [' data-department="dep-suporte"'] });
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const customer = await (await contexts.new()).newPage();
    const toServer: WebSocketRoute[] = [];
    // Passed through untouched both ways; the server side is kept to write on the widget's socket.
    await customer.routeWebSocket(/\/api\/widget\//, (route) => void toServer.push(route.connectToServer()));
    const chatId = await chatAnswered(agent, customer, url, "Rita");

    // As fast as the socket takes them, on the widget's own socket.
    for (const [i, body] of BODIES.entries()) {
      toServer.at(-1)!.send(JSON.stringify({ type: "message.send", chatId, clientId: `rajada-${i}`, body }));
    }

    const burstOf = (texts: string[]) => texts.map((t) => BODIES.find((b) => t.includes(b))).filter((b) => b !== undefined);
    const agentSees = agent.locator('[data-testid="message"][data-author="customer"]');
    await expect.poll(async () => burstOf(await agentSees.allTextContents()), { timeout: 15_000 }).toEqual(BODIES);
    await expect.poll(async () => burstOf((await panelMessages(customer)).map((m) => m.body)), { timeout: 15_000 }).toEqual(BODIES);
    const seqs = (await panelMessages(customer)).map((m) => Number(m.seq));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    // The history's copy (D1, written behind by the room) in seq order.
    await expect
      .poll(
        async () => {
          const detail = await (await agent.request.get(`${h.server}/api/chats/${chatId}`)).json();
          return burstOf((detail.messages as { body: string }[]).map((m) => m.body));
        },
        { timeout: 15_000 },
      )
      .toEqual(BODIES);
  });
});
