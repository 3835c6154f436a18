/**
 * The pipelines compared side by side in one run: today's (every cost setting off), each change
 * alone, all of them (the app's defaults), and the browser-per-submission baseline (not here: it
 * is its own runner). Each variant is a set of app settings, read by the app and the warm child alike.
 */
export interface Variant {
  readonly name: string;
  readonly settings: Readonly<Record<string, string>>;
}

/** Process-model flags tried alone; none is kept by default (see README, "Cheaper submissions"). */
export const FLAGS_TRIED = process.env.BENCH_FLAGS ?? '--disable-site-isolation-trials';

/** Today's pipeline: a context per submission, heavy resources blocked, PNG, detection always. */
export const TODAY: Readonly<Record<string, string>> = {
  BROWSER_CONTEXT_REUSE: 'false',
  BROWSER_EXTRA_ARGS: '',
  BROWSER_BLOCK_RESOURCES: 'heavy',
  EVIDENCE_FORMAT: 'png',
  DETECTION_SKIP_WHEN_MAPPED: 'false',
};

/** The app's defaults (src/config/browser-config.ts), stated so the report prints them. */
export const ALL_TOGETHER: Readonly<Record<string, string>> = {
  BROWSER_CONTEXT_REUSE: 'true',
  BROWSER_EXTRA_ARGS: '',
  BROWSER_BLOCK_RESOURCES: 'heavy,trackers',
  EVIDENCE_FORMAT: 'jpeg',
  EVIDENCE_JPEG_QUALITY: '60',
  DETECTION_SKIP_WHEN_MAPPED: 'true',
};

const ALL_VARIANTS: readonly Variant[] = [
  { name: 'today (all off)', settings: TODAY },
  { name: 'context reuse', settings: { ...TODAY, BROWSER_CONTEXT_REUSE: 'true' } },
  { name: 'process flags', settings: { ...TODAY, BROWSER_EXTRA_ARGS: FLAGS_TRIED } },
  { name: 'blocking', settings: { ...TODAY, BROWSER_BLOCK_RESOURCES: 'heavy,trackers,third-party' } },
  {
    name: 'JPEG + no covered detection',
    settings: { ...TODAY, EVIDENCE_FORMAT: 'jpeg', EVIDENCE_JPEG_QUALITY: '60', DETECTION_SKIP_WHEN_MAPPED: 'true' },
  },
  { name: 'all together (defaults)', settings: ALL_TOGETHER },
];

/** BENCH_VARIANTS=0,5 runs a subset (indexes into the list above). */
export function selectedVariants(): readonly Variant[] {
  const raw = process.env.BENCH_VARIANTS;
  if (!raw) return ALL_VARIANTS;
  const picked = raw
    .split(',')
    .map(Number)
    .filter((i) => Number.isInteger(i) && i >= 0 && i < ALL_VARIANTS.length);
  return picked.length > 0 ? picked.map((i) => ALL_VARIANTS[i]) : ALL_VARIANTS;
}
