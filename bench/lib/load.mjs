// Delivery latency: customers send `message.send` at a steady aggregate rate, round robin, and
// the time runs from just before the customer's send to the moment the chat's own attendant
// receives the `message.created` carrying the same clientId (stored in the room first).
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { percentile, sleep } from "./stats.mjs";

/** durable-objects/message-allowance.ts: a customer socket sustains 10 message.send a second. */
export const CUSTOMER_PER_SECOND = 10;
const DRAIN_MS = 3000;

export class DeliveryProbe {
  /**
   * @param {{ id: string, ws: import("ws").WebSocket }[]} attendants
   * @param {{ chatId: string, ownerId: string, ws: import("ws").WebSocket }[]} customers
   */
  constructor(attendants, customers) {
    this.customers = customers;
    this.pending = new Map();
    // The room drops a clientId it already stored for the chat (a resend): each probe has its own.
    this.prefix = randomBytes(4).toString("hex");
    this.counter = 0;
    this.next = 0;
    this.unexpected = new Map();
    this.closed = 0;
    for (const a of attendants) a.ws.onFrame = (frame, at) => this.atAttendant(a.id, frame, at);
    for (const c of customers) c.ws.onFrame = (frame) => this.atCustomer(frame);
    for (const { ws } of [...attendants, ...customers]) ws.once("close", () => this.closed++);
  }

  /** Highest aggregate rate that keeps every customer within its sustained allowance. */
  get allowanceCap() {
    return this.customers.length * CUSTOMER_PER_SECOND;
  }

  atAttendant(attendantId, frame, at) {
    if (frame.type !== "message.created" || frame.message.author.type !== "customer") return;
    const sent = this.pending.get(frame.message.clientId);
    // Managers see every chat: count the delivery to the chat's own attendant.
    if (!sent || sent.ownerId !== attendantId) return;
    this.pending.delete(frame.message.clientId);
    sent.run.latencies.push(at - sent.at);
    sent.run.lastAt = at;
  }

  atCustomer(frame) {
    if (frame.type !== "error") return;
    const sent = frame.clientId ? this.pending.get(frame.clientId) : undefined;
    if (sent) {
      this.pending.delete(frame.clientId);
      if (frame.code === "rate_limited") sent.run.refused++;
      else sent.run.errors++;
    }
    this.unexpected.set(frame.code, (this.unexpected.get(frame.code) ?? 0) + 1);
  }

  sendOne(run) {
    const customer = this.customers[this.next++ % this.customers.length];
    const clientId = `${this.prefix}-${++this.counter}`;
    const text = JSON.stringify({ type: "message.send", chatId: customer.chatId, clientId, body: `mensagem de teste ${this.counter}` });
    this.pending.set(clientId, { run, ownerId: customer.ownerId, at: performance.now() });
    customer.ws.send(text);
    run.sent++;
  }

  /**
   * Sends at `rate` messages/s for `durationMs`, then waits (bounded) for the deliveries.
   * Messages never delivered count as infinitely late in the percentiles.
   */
  async run(rate, durationMs) {
    if (rate > this.allowanceCap) throw new Error(`${rate}/s exceeds the customers' allowance (${this.allowanceCap}/s)`);
    const run = { rate, sent: 0, refused: 0, errors: 0, latencies: [], lastAt: 0 };
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await new Promise((resolve) => {
      const tick = () => {
        const elapsed = Math.min(performance.now() - start, durationMs);
        const due = Math.floor((rate * elapsed) / 1000);
        while (run.sent < due) this.sendOne(run);
        if (elapsed >= durationMs) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const sendEnd = performance.now();
    const drainEnd = sendEnd + DRAIN_MS;
    while (this.outstanding(run) > 0 && performance.now() < drainEnd) await sleep(5);
    loop.disable();
    if (this.closed > 0) {
      throw new Error(
        `${this.closed} sockets closed during the ${rate}/s run. wrangler dev restarts the worker when a file ` +
          "under [build] watch_dir changes: run the bench on a tree nobody is editing.",
      );
    }
    const cpu = process.cpuUsage(cpuBefore);
    let lost = 0;
    for (const [clientId, sent] of this.pending) {
      if (sent.run !== run) continue;
      this.pending.delete(clientId);
      run.latencies.push(Infinity);
      lost++;
    }
    const delivered = run.latencies.length - lost;
    const span = Math.max(durationMs, (run.lastAt || sendEnd) - start);
    return {
      rate,
      sent: run.sent,
      sentPerS: run.sent / ((sendEnd - start) / 1000),
      delivered,
      achievedPerS: delivered / (span / 1000),
      refused: run.refused,
      errors: run.errors,
      lost,
      p50: percentile(run.latencies, 50),
      p99: percentile(run.latencies, 99),
      max: percentile(run.latencies, 100),
      clientLoopP99: loop.percentile(99) / 1e6,
      clientCpuPct: ((cpu.user + cpu.system) / 1000 / (performance.now() - start)) * 100,
    };
  }

  outstanding(run) {
    let n = 0;
    for (const sent of this.pending.values()) if (sent.run === run) n++;
    return n;
  }
}
