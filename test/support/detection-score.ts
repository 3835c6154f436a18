import type { Page } from 'playwright';
import type { Expectation } from '../../src/workers/field-detection/autofill-expectations';
import type { FieldDescriptor } from '../../src/workers/field-detection/field-descriptor';
import type { DetectedField } from '../../src/workers/field-detection/field-patterns';

export type ScoredField = Exclude<Expectation, 'unknown' | 'other'>;

export interface ScoredControl {
  readonly source: string;
  readonly control: string;
  readonly expected: Expectation;
  readonly predicted: DetectedField | null;
}

export interface FieldScore {
  readonly field: ScoredField | 'overall';
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export interface DetectionScore {
  readonly perField: readonly FieldScore[];
  readonly overall: FieldScore;
  /** Listing data that would land in a control Chromium leaves alone (password, search, fax…). */
  readonly unknownHits: readonly ScoredControl[];
  readonly errors: readonly ScoredControl[];
}

/** Chromium types a "retype e-mail" box as an e-mail, so a confirmEmail detection counts as one. */
const scoredPrediction = (c: ScoredControl): ScoredField | null => (c.predicted === 'confirmEmail' ? 'email' : c.predicted);

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

function scoreOf(field: FieldScore['field'], tp: number, fp: number, fn: number): FieldScore {
  return { field, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

/** Per-control precision and recall: a prediction on an 'other' control counts as a false positive. */
export function scoreDetections(controls: readonly ScoredControl[]): DetectionScore {
  const fields = new Set<ScoredField>();
  for (const c of controls) {
    const p = scoredPrediction(c);
    if (p) fields.add(p);
    if (c.expected !== 'unknown' && c.expected !== 'other') fields.add(c.expected);
  }
  const perField = [...fields]
    .sort()
    .map((field) =>
      scoreOf(
        field,
        controls.filter((c) => scoredPrediction(c) === field && c.expected === field).length,
        controls.filter((c) => scoredPrediction(c) === field && c.expected !== field).length,
        controls.filter((c) => c.expected === field && scoredPrediction(c) !== field).length,
      ),
    );
  const sum = (key: 'tp' | 'fp' | 'fn'): number => perField.reduce((total, s) => total + s[key], 0);
  return {
    perField,
    overall: scoreOf('overall', sum('tp'), sum('fp'), sum('fn')),
    unknownHits: controls.filter((c) => c.expected === 'unknown' && c.predicted !== null),
    errors: controls.filter((c) => scoredPrediction(c) !== (c.expected === 'unknown' || c.expected === 'other' ? null : c.expected)),
  };
}

export function formatScoreTable(title: string, score: DetectionScore): string {
  const pct = (n: number): string => n.toFixed(2);
  const rows = [...score.perField, score.overall].map(
    (s) =>
      `| ${s.field.padEnd(16)} | ${String(s.tp).padStart(3)} | ${String(s.fp).padStart(3)} | ${String(s.fn).padStart(3)} | ${pct(s.precision)} | ${pct(s.recall)} |`,
  );
  return [`${title}`, '| field            |  TP |  FP |  FN | prec | rec  |', '| --- | --: | --: | --: | --: | --: |', ...rows].join('\n');
}

/** Hand-written forms declare the answer on each control: `data-expect="email"`; none = must stay untouched. */
export async function expectationsInPage(page: Page, descriptors: readonly FieldDescriptor[]): Promise<Expectation[]> {
  const out: Expectation[] = [];
  for (const d of descriptors) {
    const declared = await page.$eval(d.selector, (el: { getAttribute(name: string): string | null }) => el.getAttribute('data-expect'));
    out.push((declared ?? 'unknown') as Expectation);
  }
  return out;
}
