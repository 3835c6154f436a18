/** Nearest-rank percentile; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const n0 = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const s2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
export const s3 = (n: number): string => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
export const p50p95 = (samples: readonly number[]): string => `${n0(percentile(samples, 50))} / ${n0(percentile(samples, 95))}`;
export const perHour = (count: number, seconds: number): number => (count / seconds) * 3600;

export { markdownTable, textTable, type Table } from '../shared/tables';
