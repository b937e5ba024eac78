// Small numeric helpers for the bench: percentiles and formatting.

/** Nearest-rank percentile of `values` (p in 0..100); lost samples count as Infinity. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** A figure for a `name: value` line: at most 3 decimals, "inf" for lost samples, "n/a" for none. */
export function fmt(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return "inf";
  return String(Number(value.toFixed(digits)));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress goes to stderr; stdout carries only the figures. */
export function log(...parts) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`);
}
