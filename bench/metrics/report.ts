import type { MachineInfo } from '../event-store/machine-info';
import { markdownTable, textTable } from '../shared/tables';
import type { ScrapeFigures } from './scrape-client';

export const METRICS_HEADING = '## Metrics scrape (`npm run bench:metrics`)';

export type Scenario = 'empty read models, fleet on' | 'seeded, fleet on' | 'seeded, fleet off';

export interface Measured {
  readonly scenario: Scenario;
  /** Load average (1 / 5 / 15 min) when the run started. */
  readonly load: string;
  readonly figures: ScrapeFigures;
}

const TARGET_P99_MS = 20;

export function resultTable(measured: readonly Measured[], format: 'text' | 'markdown'): string {
  const table = {
    headers: [
      'scenario',
      'concurrency',
      'scrapes',
      'scrapes/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'non-200',
      'body bytes',
      'load at start',
    ],
    rows: measured.map(({ scenario, load, figures: f }) => [
      scenario,
      String(f.concurrency),
      String(f.requests),
      String(f.perSecond),
      f.p50.toFixed(1),
      f.p95.toFixed(1),
      f.p99.toFixed(1),
      f.max.toFixed(1),
      String(f.non200),
      String(f.bytes),
      load,
    ]),
  };
  return format === 'text' ? textTable(table) : markdownTable(table);
}

/** The target: p99 with the seeded read models and fleet metrics on, one scrape at a time (as Prometheus scrapes a target). */
export function targetLine(measured: readonly Measured[]): string {
  const seeded = measured.filter((m) => m.scenario === 'seeded, fleet on');
  const sequential = seeded.find((m) => m.figures.concurrency === 1);
  const empty = measured.find((m) => m.scenario === 'empty read models, fleet on' && m.figures.concurrency === 1);
  const off = measured.find((m) => m.scenario === 'seeded, fleet off' && m.figures.concurrency === 1);
  if (!sequential || !empty || !off) return '- incomplete run';
  const p99 = sequential.figures.p99;
  const verdict = p99 <= TARGET_P99_MS && sequential.figures.non200 === 0 ? 'met' : 'NOT met';
  const concurrent = seeded.find((m) => m.figures.concurrency > 1)?.figures;
  return (
    `- p99 ${p99.toFixed(1)} ms one scrape at a time with 10,000 jobs and 500,000 submissions (target ≤ ${TARGET_P99_MS} ms: ${verdict}); ` +
    `${concurrent ? `${concurrent.p99.toFixed(1)} ms with ${concurrent.concurrency} at once; ` : ''}` +
    `baselines: ${empty.figures.p99.toFixed(1)} ms on empty read models, ${off.figures.p99.toFixed(1)} ms with METRICS_FLEET off.`
  );
}

export function metricsSection(
  info: MachineInfo,
  loadAtEnd: string,
  seeded: { jobs: number; submissions: number },
  measured: readonly Measured[],
): string {
  return [
    METRICS_HEADING,
    '',
    `Run ${info.date} on ${info.cores} cores (${info.cpuModel}), ${info.postgres}, Node ${info.node}. ` +
      `Load average (1 / 5 / 15 min) ${info.loadAtStart} at start, ${loadAtEnd} at end: a shared machine, other work competed.`,
    '',
    `One API process (\`ROLES=api\`), scraped with a \`metrics\` API key from a separate process, each scrape waiting for ` +
      `its answer (as Prometheus scrapes one target); read models seeded with SQL: ${seeded.jobs.toLocaleString('en-US')} jobs, ` +
      `${seeded.submissions.toLocaleString('en-US')} submissions, 2,000 queued messages, 8 workers. Baselines in the same run: ` +
      'the same process before seeding (empty read models), and the seeded database scraped with `METRICS_FLEET=false` ' +
      "(only the process's own metrics, no database reads).",
    '',
    resultTable(measured, 'markdown'),
    '',
    targetLine(measured),
    '',
  ].join('\n');
}
