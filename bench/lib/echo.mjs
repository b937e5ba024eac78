// Round trips to the bare echo Durable Object (bench/echo/): one ping in flight at a time; with
// `store`, each ping is written to the object's SQLite before its pong (the stored echo). With
// `intervalMs`, a ping leaves at most every `intervalMs` (the paced echo): the object then waits
// idle between pings, as the room does between the messages of a delivery step, instead of
// answering back to back.
import WebSocket from "ws";
import { percentile } from "./stats.mjs";

const TIMEOUT_MS = 15_000;

/** Opens `wsUrl`, sends `warmup` then `count` pings one after another; returns p50/p99 in ms. */
export function echoRoundTrips(wsUrl, { warmup = 300, count = 3000, store = false, intervalMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    const samples = [];
    let id = 0;
    let sentAt = 0;
    const timer = setTimeout(() => finish(new Error(`echo: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const finish = (error) => {
      clearTimeout(timer);
      ws.terminate();
      if (error) reject(error);
      else resolve({ count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) });
    };
    const ping = () => {
      id++;
      const text = JSON.stringify(store ? { type: "ping", id, store } : { type: "ping", id });
      sentAt = performance.now();
      ws.send(text);
    };
    ws.on("open", ping);
    ws.on("message", (data) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString());
      if (frame.type !== "pong" || frame.id !== id) return finish(new Error(`echo: unexpected ${data}`));
      if (id > warmup) samples.push(at - sentAt);
      if (id >= warmup + count) finish();
      else if (intervalMs > 0) setTimeout(ping, Math.max(0, sentAt + intervalMs - performance.now()));
      else ping();
    });
    ws.on("error", (error) => finish(error));
  });
}
