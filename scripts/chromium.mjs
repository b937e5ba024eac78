// Headless Debian Chromium as the browser tests and the benchmark launch it (STACK.md,
// "Headless Chromium"): no sandbox as root, and no background traffic to Google's hosts.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
