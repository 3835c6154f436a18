import { existsSync, readFileSync } from 'node:fs';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { APP_SETTINGS, BASELINE_SUBMISSIONS, CATALOG_SIZE, JOBS_PER_LEVEL, WARM_SUBMISSIONS } from './bench-config';
import { SIMPLE_TEMPLATES } from './bench-catalog';
import { CAVEAT_LINES, METHOD_LINES } from './report-notes';
import {
  checkLines,
  headlineTable,
  machineLine,
  phaseCpuTable,
  phaseWallTable,
  settingsLines,
  targetLines,
  type BenchReport,
} from './report';
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
  const settings = Object.entries(r.variants[0]?.ours?.settings ?? APP_SETTINGS)
    .filter(([k]) => k in APP_SETTINGS)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const concurrency = r.variants[0]?.ours?.concurrency ?? r.baseline.concurrency;
  return [
    `${RUN_HEADING}${r.info.date}`,
    '',
    machineLine(r),
    `App settings of every end-to-end level: WORKER_CONCURRENCY=${concurrency}, ${settings}.`,
    '',
    `CPU per submission, end to end (${JOBS_PER_LEVEL} job(s) × ${CATALOG_SIZE} directories per pipeline, built app process, all roles; baseline ${BASELINE_SUBMISSIONS} submissions, a browser each):`,
    '',
    markdownTable(headlineTable(r)),
    '',
    `Where it goes, by phase (${WARM_SUBMISSIONS} warm submissions one at a time per pipeline, submitter only; CPU of Node + Chromium):`,
    '',
    markdownTable(phaseCpuTable(r)),
    '',
    markdownTable(phaseWallTable(r)),
    '',
    'Targets:',
    '',
    ...targetLines(r),
    '',
    'Settings per pipeline:',
    '',
    ...settingsLines(r),
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
    `Command: \`npm run bench:submissions\`. Bounded (every phase has a deadline), loopback only (the multi-origin sandbox's 127.x addresses). Simple-form templates: ${SIMPLE_TEMPLATES.join(', ')}. Each run keeps the ${KEEP_RUNS} before it below; the newest is first.`,
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
