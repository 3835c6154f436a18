import { existsSync, readFileSync } from 'node:fs';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { APP_SETTINGS, BASELINE_SUBMISSIONS, CATALOG_SIZE, JOBS_PER_LEVEL, WARM_SITE } from './bench-config';
import { SIMPLE_TEMPLATES } from './bench-catalog';
import { CAVEAT_LINES, METHOD_LINES } from './report-notes';
import { baselineTable, checkLines, comparisonTable, machineLine, oursTable, targetLines, warmTable, type BenchReport } from './report';
import { markdownTable } from './stats';

export const HEADING = '## Submissions (bench/submissions)';
const RUN_HEADING = '### Run ';
const METHOD_HEADING = '### Method';
/** Earlier runs kept under the newest one. */
const KEEP_RUNS = 2;

/** BENCH_RESULTS overrides where RESULTS.md is (a tsc outDir outside the repo cannot find it). */
const path = (): string => process.env.BENCH_RESULTS ?? resultsPath();

function earlierRuns(): string[] {
  if (!existsSync(path())) return [];
  const text = readFileSync(path(), 'utf8');
  const start = text.indexOf(HEADING);
  if (start === -1) return [];
  const next = text.indexOf('\n## ', start + HEADING.length);
  const section = text.slice(start, next === -1 ? undefined : next);
  return section
    .split(`\n${RUN_HEADING}`)
    .slice(1)
    .map((run) => {
      const end = run.indexOf(`\n${METHOD_HEADING}`);
      return `${RUN_HEADING}${(end === -1 ? run : run.slice(0, end)).trimEnd()}`;
    })
    .slice(0, KEEP_RUNS);
}

function runText(r: BenchReport): string {
  const settings = Object.entries(r.ours[0]?.settings ?? APP_SETTINGS)
    .filter(([k]) => k !== 'WORKER_CONCURRENCY')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `${RUN_HEADING}${r.info.date}`,
    '',
    machineLine(r),
    `App settings besides WORKER_CONCURRENCY: ${settings}.`,
    '',
    `Ours, end to end (${JOBS_PER_LEVEL} jobs × ${CATALOG_SIZE} directories per level, built app process, all roles):`,
    '',
    markdownTable(oursTable(r)),
    '',
    `Baseline, a browser launched per submission (${BASELINE_SUBMISSIONS} submissions per level):`,
    '',
    markdownTable(baselineTable(r)),
    '',
    markdownTable(comparisonTable(r)),
    '',
    `Simple-form submission inside the submitter (${WARM_SITE}):`,
    '',
    markdownTable(warmTable(r)),
    '',
    'Targets:',
    '',
    ...targetLines(r),
    '',
    'Checks:',
    '',
    ...checkLines(r),
    '',
  ].join('\n');
}

/** Re-reads RESULTS.md right before writing and replaces only this section (other helpers edit others). */
export function writeSubmissionsSection(r: BenchReport): string {
  const before = earlierRuns();
  const section = [
    HEADING,
    '',
    `Command: \`npm run bench:submissions\`. Bounded (every phase has a deadline), 127.0.0.1 only. Simple-form templates: ${SIMPLE_TEMPLATES.join(', ')}. Each run keeps the ${KEEP_RUNS} before it below; the newest is first.`,
    '',
    runText(r).trimEnd(),
    '',
    ...before.flatMap((run) => [run, '']),
    `${METHOD_HEADING} and caveats`,
    '',
    ...METHOD_LINES.map((l) => `- ${l}`),
    '',
    'Caveats:',
    '',
    ...CAVEAT_LINES.map((l) => `- ${l}`),
    '',
  ].join('\n');
  writeResultsSection(HEADING, section, path());
  return path();
}
