// The headless Chromium the browser tests and the benchmark launch, found on any fresh machine:
// `CHROMIUM_PATH`, else Debian's /usr/bin/chromium, else the Chromium that ships inside the npm
// package @sparticuz/chromium (a dev dependency), unpacked once into the temp directory.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

// STACK.md, "Headless Chromium": no sandbox as root, and no background traffic to Google's hosts.
// The package's own `Chromium.args` are meant for AWS Lambda and turn off web security and site
// isolation (`--disable-web-security`): the tests check cross-origin behaviour, so not those.
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

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const PACKAGE = "@sparticuz/chromium";

/**
 * @typedef {object} ChromiumLaunch
 * @property {string} executablePath
 * @property {string[]} args
 * @property {NodeJS.ProcessEnv} env
 * @property {string} source where it came from, for messages: `CHROMIUM_PATH`, `/usr/bin/chromium` or the package
 */

/**
 * Options for playwright-core's `chromium.launch()`: `CHROMIUM_PATH` if set, else Debian's
 * /usr/bin/chromium when present (`CHROMIUM_SKIP_SYSTEM=1` ignores it, to test the fallback),
 * else the Chromium inside @sparticuz/chromium (unpacked on first use, about 2 s).
 * Throws a message that says what to do when none of them can run here.
 * @returns {Promise<ChromiumLaunch>}
 */
export async function chromiumLaunchOptions() {
  const base = { args: CHROMIUM_ARGS, env: { ...process.env } };
  if (process.env.CHROMIUM_PATH) return { ...base, executablePath: process.env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  if (process.env.CHROMIUM_SKIP_SYSTEM !== "1" && existsSync(SYSTEM_CHROMIUM)) {
    return { ...base, executablePath: SYSTEM_CHROMIUM, source: SYSTEM_CHROMIUM };
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`No Chromium to run the browser tests: set CHROMIUM_PATH to a Chrome or Chromium executable (${PACKAGE} only runs on Linux x64).`);
  }
  const { executablePath, libraries, fontConfig, version } = await unpackPackagedChromium();
  const env = {
    ...base.env,
    LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
    FONTCONFIG_FILE: fontConfig,
  };
  return { ...base, env, executablePath, source: `${PACKAGE} ${version}` };
}

/**
 * Unpacks the package's Chromium, its fonts and (always, not only on Amazon Linux as the package
 * does) the NSS libraries it links against, so it runs without Debian's libnss3. One process at
 * a time (a lock directory); a marker written last tells a complete unpack from an interrupted one.
 */
async function unpackPackagedChromium() {
  let packageDir;
  try {
    // Its entry point is build/index.js; package.json is not in its `exports`. (Not
    // `import.meta.resolve`: vitest's module runner, which loads this file for the tests, lacks it.)
    packageDir = join(dirname(createRequire(import.meta.url).resolve(PACKAGE)), "..");
  } catch {
    throw new Error(`No Chromium to run the browser tests: ${SYSTEM_CHROMIUM} is missing and so is the dev dependency ${PACKAGE} (run \`npm install\`), or set CHROMIUM_PATH.`);
  }
  const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
  const tmp = tmpdir();
  const fonts = join(tmp, "fonts");
  const unpacked = { executablePath: join(tmp, "chromium"), libraries: join(tmp, "al2023", "lib"), fontConfig: join(tmp, "chromium-fonts.conf"), version };
  const marker = join(tmp, `chromium-${version}.unpacked`);
  const complete = () => [marker, unpacked.executablePath, unpacked.fontConfig].every((path) => existsSync(path));
  if (complete()) return unpacked;
  const release = await lock(join(tmp, "chromium-unpack.lock"));
  try {
    if (complete()) return unpacked;
    rmSync(marker, { force: true });
    // The package skips whatever already exists, so a half-written binary would stay forever.
    for (const path of [unpacked.executablePath, join(tmp, "al2023"), fonts]) rmSync(path, { recursive: true, force: true });
    const { default: Chromium, inflate } = await import(PACKAGE);
    await Chromium.executablePath();
    await inflate(join(packageDir, "bin", "al2023.tar.br"));
    // The system's fonts as Debian's Chromium sees them, plus the package's (Open Sans): a bare
    // container without fontconfig, or with no font installed, still renders text.
    writeFileSync(
      unpacked.fontConfig,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${fonts}</dir>\n  <cachedir>${join(tmp, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    return unpacked;
  } finally {
    release();
  }
}

/** Waits for the lock directory `path` (taken over when older than a minute: a crashed holder). */
async function lock(path) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    if (Date.now() > deadline) throw new Error(`Waited 2 minutes for ${path} (another process unpacking Chromium)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
