import { APPEND_RATE, APPEND_SECONDS, LOG_EVENTS, REBUILD_TARGET_EVENTS_PER_SECOND, SLICE_EVENTS } from './bench-config';
import { describeCpu } from './cpu-usage';
import type { LagResult } from './lag-phase';
import type { MachineInfo } from '../event-store/machine-info';
import type { ReadPass } from './read-passes';
import { medianRound, type RebuildResult } from './rebuild-phase';
import { lagTable, markdownTable, n0, readTable, rebuildTable, s2, sliceTable, textTable } from './report-tables';
import { methodLines } from './report-notes';
import type { RowCheck } from './verify-rows';
import type { SeedResult } from './seed-log';
import type { SliceRun } from './slice-comparison';

export interface BenchReport {
  readonly info: MachineInfo;
  readonly seed: SeedResult;
  /** Every rebuild round, in order. */
  readonly rounds: readonly RebuildResult[];
  readonly reads: readonly ReadPass[];
  readonly rowsAfterRebuild: RowCheck;
  readonly lag: LagResult;
  readonly rowsAfterLag: RowCheck;
  readonly slices: { readonly batched: SliceRun; readonly perEvent: SliceRun; readonly differing: number };
  readonly hostErrors: readonly string[];
  readonly totalSeconds: number;
}

function rebuildRate(r: BenchReport): number {
  return r.seed.expected.events / medianRound(r.rounds).seconds;
}

function roundsLine(r: BenchReport): string {
  const rates = r.rounds.map((round) => `${n0(r.seed.expected.events / round.seconds)} (${s2(round.seconds)} s)`).join(', ');
  const peak = Math.max(...r.rounds.map((round) => round.peakRssMb));
  return `Every round, log events/s: ${rates}; the table shows the median round. Peak RSS of the projector process ${n0(peak)} MB over all rounds (${n0(r.rounds[0].rssBeforeMb)} MB before the first; sampled every 100 ms). CPU in the median round: ${describeCpu(medianRound(r.rounds).cpu)}.`;
}

function targetLine(r: BenchReport): string {
  const met = rebuildRate(r) >= REBUILD_TARGET_EVENTS_PER_SECOND;
  return `- Rebuild ≥ ${n0(REBUILD_TARGET_EVENTS_PER_SECOND)} events/s (log events / wall time until all three are swapped in, median of ${r.rounds.length} rounds): ${n0(rebuildRate(r))} — ${met ? '**met**' : '**NOT met**'}.`;
}

function loadLine(lag: LagResult): string {
  const l = lag.load;
  const failed = l.failures.length > 0 ? `; **${l.failures.length} append failures**: \`${l.failures[0]}\`` : '';
  return `Append load: asked ${n0(APPEND_RATE)} events/s for ${APPEND_SECONDS} s; wrote ${n0(l.events)} events in ${n0(l.appends)} appends over ${s2(l.seconds)} s = ${n0(l.events / l.seconds)} events/s; append latency p50 / p99 / max ${s2(l.p50Ms)} / ${s2(l.p99Ms)} / ${s2(l.maxMs)} ms${failed}. After the last append every projection was at the end of the log within ${s2(lag.drainSeconds)} s.`;
}

function checkLines(r: BenchReport): string[] {
  return [
    ...r.rowsAfterRebuild.lines.map((l) => `- After the rebuild, ${l}.`),
    ...r.rowsAfterLag.lines.map((l) => `- After the append load (seed + appended), ${l}.`),
    `- Slice: per-event tables equal the batched ones row for row: ${r.slices.differing === 0 ? 'yes' : `**NO, ${r.slices.differing} rows differ**`}.`,
    `- Runner errors: ${r.hostErrors.length === 0 ? 'none' : `**${r.hostErrors.length}**: \`${r.hostErrors[0]}\``}.`,
  ];
}

export function markdownSection(r: BenchReport): string {
  const { info, seed } = r;
  return [
    '## Projections (bench/projections)',
    '',
    `Machine: ${info.cores} cores (\`nproc\`), ${info.cpuModel}; ${info.postgres}; Node ${info.node}; run ${info.date}.`,
    `Load average (1 / 5 / 15 min) at start ${info.loadAtStart}, at end ${info.loadAtEnd ?? 'n/a'}. Whole run ${n0(r.totalSeconds)} s.`,
    `Command: \`npm run bench:projections\`. Log: ${n0(seed.expected.events)} events (${n0(seed.expected.jobs)} jobs, ${n0(seed.expected.submissions)} submissions; \`events\` ${seed.eventsBytes}), loaded in ${s2(seed.seconds)} s (untimed).`,
    '',
    `### Rebuild from the start of the log`,
    '',
    markdownTable(rebuildTable(medianRound(r.rounds), seed.expected.events)),
    '',
    roundsLine(r),
    '',
    "Reading alone, for comparison (each projection's filtered `readAll` over the whole log in rebuild pages, nothing applied, one after the other; a rebuild of all three reads the log three times):",
    '',
    markdownTable(readTable(r.reads)),
    '',
    '### Catch-up lag under a steady append load',
    '',
    markdownTable(lagTable(r.lag)),
    '',
    loadLine(r.lag),
    '',
    `### Batched runtime against one transaction per event (first ${n0(SLICE_EVENTS)} events of the log)`,
    '',
    markdownTable(sliceTable(r.slices.batched, r.slices.perEvent, SLICE_EVENTS)),
    '',
    'Targets:',
    '',
    targetLine(r),
    '',
    'Checks:',
    '',
    ...checkLines(r),
    '',
    'Method:',
    '',
    ...methodLines(LOG_EVENTS).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

export function consoleSummary(r: BenchReport): string {
  return [
    textTable(rebuildTable(medianRound(r.rounds), r.seed.expected.events)),
    roundsLine(r),
    textTable(readTable(r.reads)),
    '',
    textTable(lagTable(r.lag)),
    loadLine(r.lag),
    '',
    textTable(sliceTable(r.slices.batched, r.slices.perEvent, SLICE_EVENTS)),
    '',
    targetLine(r),
    ...checkLines(r),
  ].join('\n');
}
