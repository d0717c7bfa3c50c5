// Percentiles for the bench's timings: nearest-rank, rounded to 0.1 ms.

/** @param {number[]} values @param {number} p */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** @param {number[]} values @returns {{ p50: number | null, p95: number | null, max: number | null, n: number }} */
export function summary(values) {
  // A figure that could not be taken shows as missing, never as 0 or -Infinity.
  if (values.length === 0) return { p50: null, p95: null, max: null, n: 0 };
  const round = (v) => Math.round(v * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
    n: values.length,
  };
}
