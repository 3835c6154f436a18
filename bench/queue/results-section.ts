import { existsSync, readFileSync } from 'node:fs';
import { resultsPath } from '../shared/results-file';
import { ANALYSIS_LINES, CAVEAT_LINES, INTRO_LINES, METHOD_LINES } from './report-notes';

export const HEADING = '## Queue (bench/queue)';
const RUN_HEADING = '### Run ';
const METHOD_HEADING = '### Method';

/** The newest run already in RESULTS.md's Queue section (kept under this run), or null. */
export function previousRun(path: string = resultsPath()): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(HEADING);
  if (start === -1) return null;
  const next = text.indexOf('\n## ', start + HEADING.length);
  const section = text.slice(start, next === -1 ? undefined : next);
  const runs = section.split(`\n${RUN_HEADING}`).slice(1);
  if (runs.length === 0) return null;
  const newest = runs[0];
  const end = newest.indexOf(`\n${METHOD_HEADING}`);
  return `${RUN_HEADING}${(end === -1 ? newest : newest.slice(0, end)).trimEnd()}`;
}

export function sectionText(thisRun: string, before: string | null): string {
  return [
    HEADING,
    '',
    ...INTRO_LINES.flatMap((line) => [line, '']),
    thisRun.trimEnd(),
    '',
    ...(before ? [before, ''] : []),
    `${METHOD_HEADING} and caveats`,
    '',
    ...METHOD_LINES.map((line) => `- ${line}`),
    '',
    'Analysis:',
    '',
    ...ANALYSIS_LINES.map((line) => `- ${line}`),
    '',
    'Caveats:',
    '',
    ...CAVEAT_LINES.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
