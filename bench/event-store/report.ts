import { BATCH_1W, BATCH_8W, READ_PAGE_SIZE, SINGLE_1W, SINGLE_8W, type WriteLoad } from './bench-config';
import type { ScenarioId, ScenarioSummary, StoreRunResult } from './bench-types';
import type { MachineInfo } from './machine-info';
import { emmettNoteLines, methodLines } from './report-notes';

export const BATCH_TARGET_RATIO = 1.5;
export const SINGLE_P50_TARGET_MS = 2;

const SCENARIO_IDS: readonly ScenarioId[] = ['single-1w', 'batch-1w', 'batch-8w', 'single-8w', 'read-all'];

function loadLabel(title: string, load: WriteLoad): string {
  const calls = load.writers === 1 ? `${load.callsPerWriter}` : `${load.writers}×${load.callsPerWriter}`;
  return `${title} (${calls} calls/round)`;
}

function scenarioLabel(id: ScenarioId): string {
  switch (id) {
    case 'single-1w':
      return loadLabel('1. single-event appends, 1 writer', SINGLE_1W);
    case 'batch-1w':
      return loadLabel('2. 100-event batches, 1 writer', BATCH_1W);
    case 'batch-8w':
      return loadLabel('3. 100-event batches, 8 writers', BATCH_8W);
    case 'single-8w':
      return loadLabel('4. single-event appends, 8 writers', SINGLE_8W);
    case 'read-all':
      return `5. read-all from the start, pages of ${READ_PAGE_SIZE}`;
    default: {
      const unknown: never = id;
      return unknown;
    }
  }
}

function find(run: StoreRunResult | undefined, id: ScenarioId): ScenarioSummary | undefined {
  return run?.scenarios.find((s) => s.id === id);
}

export function ratio(ours: ScenarioSummary | undefined, emmett: ScenarioSummary | undefined): number | null {
  if (!ours || !emmett || emmett.eventsPerSecond === 0) return null;
  return ours.eventsPerSecond / emmett.eventsPerSecond;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (r: ScenarioSummary | undefined): string => (r ? count(r.eventsPerSecond) : 'n/a');
const lat = (r: ScenarioSummary | undefined): string =>
  r?.latency ? `${r.latency.p50Ms.toFixed(2)} / ${r.latency.p99Ms.toFixed(2)}` : 'n/a';
const times = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(2)}×`);
const rounds = (r: ScenarioSummary | undefined): string => (r ? r.roundRates.map(count).join(', ') : 'n/a');

export const HEADERS = ['Scenario', 'Ours ev/s', 'Ours p50 / p99 ms', 'Emmett ev/s', 'Emmett p50 / p99 ms', 'Ours / Emmett'];
const ROUND_HEADERS = ['Scenario', 'Ours ev/s by round', 'Emmett ev/s by round'];

export function resultRows(ours: StoreRunResult | undefined, emmett: StoreRunResult | undefined): string[][] {
  return SCENARIO_IDS.map((id) => {
    const o = find(ours, id);
    const e = find(emmett, id);
    return [scenarioLabel(id), rate(o), lat(o), rate(e), lat(e), times(ratio(o, e))];
  });
}

function roundRows(ours: StoreRunResult | undefined, emmett: StoreRunResult | undefined): string[][] {
  return SCENARIO_IDS.map((id) => [scenarioLabel(id), rounds(find(ours, id)), rounds(find(emmett, id))]);
}

export function textTable(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(headers: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function verdict(met: boolean | null): string {
  if (met === null) return '**not measured**';
  return met ? '**met**' : '**NOT met**';
}

export function targetLines(ours: StoreRunResult | undefined, emmett: StoreRunResult | undefined): string[] {
  const r1 = ratio(find(ours, 'batch-1w'), find(emmett, 'batch-1w'));
  const r8 = ratio(find(ours, 'batch-8w'), find(emmett, 'batch-8w'));
  const batchMet = r1 === null || r8 === null ? null : r1 >= BATCH_TARGET_RATIO && r8 >= BATCH_TARGET_RATIO;
  const p50 = find(ours, 'single-1w')?.latency?.p50Ms ?? null;
  const p50Met = p50 === null ? null : p50 <= SINGLE_P50_TARGET_MS;
  return [
    `- Batched append throughput ≥ ${BATCH_TARGET_RATIO}× Emmett's: 1 writer ${times(r1)}, 8 writers ${times(r8)} — ${verdict(batchMet)}.`,
    `- Single-event append p50 ≤ ${SINGLE_P50_TARGET_MS} ms (1 writer): ${p50 === null ? 'n/a' : `${p50.toFixed(2)} ms`} — ${verdict(p50Met)}.`,
  ];
}

function checkLines(runs: readonly (StoreRunResult | undefined)[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    if (run === undefined) continue;
    const read = find(run, 'read-all');
    if (read?.note) lines.push(`- Read-all, ${run.store}: ${read.note}.`);
    if (run.error) lines.push(`- **${run.store} failed**: \`${run.error.split('\n')[0]}\``);
  }
  return lines;
}

export function markdownSection(info: MachineInfo, ours: StoreRunResult | undefined, emmett: StoreRunResult | undefined): string {
  return [
    '## Event store (bench/event-store)',
    '',
    `Machine: ${info.cores} cores (\`nproc\`), ${info.cpuModel}; ${info.postgres}; Node ${info.node}; run ${info.date}.`,
    `Load average (1 / 5 / 15 min) at start ${info.loadAtStart}, at end ${info.loadAtEnd ?? 'n/a'}.`,
    'Command: `npm run bench:event-store`. Peer: `@event-driven-io/emmett-postgresql` 0.42.0.',
    '',
    markdownTable(HEADERS, resultRows(ours, emmett)),
    '',
    'Targets:',
    '',
    ...targetLines(ours, emmett),
    '',
    'Checks:',
    '',
    ...checkLines([ours, emmett]),
    '',
    'Every round (the table shows the median round):',
    '',
    markdownTable(ROUND_HEADERS, roundRows(ours, emmett)),
    '',
    'Method:',
    '',
    ...methodLines().map((line) => `- ${line}`),
    '',
    'Emmett quirks met on the way:',
    '',
    ...emmettNoteLines().map((line) => `- ${line}`),
    '',
  ].join('\n');
}
