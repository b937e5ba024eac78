/**
 * A small User-Agent reader for the console's visitor details: the browser and its major
 * version, the operating system and the kind of device. Only the families a help desk meets
 * every day; anything else reads as null (the console then shows the raw string's absence).
 * Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
 */

/** What the console shows of a visitor's User-Agent. */
export interface UserAgentInfo {
  /** e.g. "Chrome 126", "Safari 17"; null when not recognised. */
  browser: string | null;
  /** e.g. "Windows", "macOS", "Android 14", "iOS 17"; null when not recognised. */
  os: string | null;
  device: "mobile" | "tablet" | "desktop";
}

const BROWSERS: [name: string, pattern: RegExp][] = [
  ["Edge", /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /\b(?:OPR|OPT)\/(\d+)/],
  ["Samsung Internet", /\bSamsungBrowser\/(\d+)/],
  ["Firefox", /\b(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/],
  ["Safari", /\bVersion\/(\d+)(?:[.\d]*) (?:Mobile\/\S+ )?Safari\//],
];

const SYSTEMS: [name: string, pattern: RegExp, version?: (m: RegExpExecArray) => string][] = [
  ["Windows", /\bWindows NT \d/],
  ["iOS", /\b(?:iPhone|iPad|iPod)\b.*? OS (\d+)/, (m) => m[1]!],
  ["Android", /\bAndroid (\d+)/, (m) => m[1]!],
  ["ChromeOS", /\bCrOS\b/],
  ["macOS", /\bMac OS X\b/],
  ["Linux", /\bLinux\b/],
];

function browserOf(ua: string): string | null {
  for (const [name, pattern] of BROWSERS) {
    const m = pattern.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return null;
}

function osOf(ua: string): string | null {
  for (const [name, pattern, version] of SYSTEMS) {
    const m = pattern.exec(ua);
    if (m) return version ? `${name} ${version(m)}` : name;
  }
  return null;
}

function deviceOf(ua: string): UserAgentInfo["device"] {
  if (/\biPad\b|\bTablet\b/.test(ua) || (/\bAndroid\b/.test(ua) && !/\bMobile\b/.test(ua))) return "tablet";
  if (/\bMobi|\biPhone\b|\biPod\b/.test(ua)) return "mobile";
  return "desktop";
}

/** Reads a User-Agent string; null for none. */
export function parseUserAgent(ua: string | null | undefined): UserAgentInfo | null {
  if (!ua) return null;
  return { browser: browserOf(ua), os: osOf(ua), device: deviceOf(ua) };
}
