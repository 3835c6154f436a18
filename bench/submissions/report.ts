import type { MachineInfo } from '../event-store/machine-info';
import { BASELINE_SUBMISSIONS, CATALOG_SIZE, TARGET_PER_HOUR, TARGET_SIMPLE_P50_MS, TARGET_VS_BASELINE, WARM_SITE } from './bench-config';
import type { BaselineLevel, WarmResult } from './baseline-level';
import type { CpuSplit } from './cpu-window';
import type { OursLevel } from './ours-level';
import { n0, p50p95, percentile, perHour, s2, s3, textTable, type Table } from './stats';
import { PHASES } from './warm-phases';

export interface BenchReport {
  readonly info: MachineInfo;
  readonly chromium: string;
  readonly warm: WarmResult;
  readonly ours: readonly OursLevel[];
  readonly baseline: readonly BaselineLevel[];
  readonly totalSeconds: number;
}

const cores = (r: BenchReport): number => Number(r.info.cores) || 2;
const ourCpu = (l: OursLevel): number => (l.cpu.systemSeconds + l.cpu.postgresSeconds) / l.submissions;
const baseCount = (l: BaselineLevel): number => l.run.submissions.length;
const oursRate = (l: OursLevel): number => perHour(l.submissions, l.seconds);
const baseRate = (l: BaselineLevel): number => perHour(baseCount(l), l.run.seconds);
const ok = (met: boolean): string => (met ? '**met**' : '**NOT met**');
const share = (cpu: CpuSplit, count: number): string => `${s3(cpu.sandboxSeconds / count)} / ${s3(cpu.machineSeconds / count)}`;

export function oursTable(r: BenchReport): Table {
  return {
    headers: [
      'WORKER_CONCURRENCY',
      'Submissions (succeeded)',
      'Wall s',
      'Submissions/h',
      'Attempt→success p50 / p95 ms',
      'CPU s/sub: app (Node + Chromium) + PostgreSQL',
      'of the app: Node / Chromium',
      'Ceiling/h (cores ÷ CPU)',
      'Sandbox / whole machine CPU s/sub',
    ],
    rows: r.ours.map((l) => [
      String(l.concurrency),
      `${n0(l.submissions)} (${n0(l.outcomes.succeeded)})`,
      s2(l.seconds),
      `**${n0(oursRate(l))}**`,
      p50p95(l.latenciesMs),
      `${s3(l.cpu.systemSeconds / l.submissions)} + ${s3(l.cpu.postgresSeconds / l.submissions)} = ${s3(ourCpu(l))}`,
      `${s3(l.cpu.systemNodeSeconds / l.submissions)} / ${s3((l.cpu.systemSeconds - l.cpu.systemNodeSeconds) / l.submissions)}`,
      n0((cores(r) / ourCpu(l)) * 3600),
      share(l.cpu, l.submissions),
    ]),
  };
}

export function baselineTable(r: BenchReport): Table {
  return {
    headers: [
      'Concurrency',
      'Submissions (succeeded)',
      'Browsers launched',
      'Wall s',
      'Submissions/h',
      'Launch→closed p50 / p95 ms',
      'CPU s/sub (Node + Chromium)',
      'Ceiling/h (cores ÷ CPU)',
      'Sandbox / whole machine CPU s/sub',
    ],
    rows: r.baseline.map((l) => {
      const count = baseCount(l);
      const cpu = l.cpu.systemSeconds / count;
      return [
        String(l.concurrency),
        `${count} (${l.run.submissions.filter((s) => s.kind === 'success').length})`,
        String(l.run.launches),
        s2(l.run.seconds),
        `**${n0(baseRate(l))}**`,
        p50p95(l.run.submissions.map((s) => s.ms)),
        s3(cpu),
        n0((cores(r) / cpu) * 3600),
        share(l.cpu, count),
      ];
    }),
  };
}

export function comparisonTable(r: BenchReport): Table {
  return {
    headers: ['Concurrency', 'Ours submissions/h', 'Baseline submissions/h', 'Ours ÷ baseline', 'CPU s/sub ours (app + PG) vs baseline'],
    rows: r.ours.map((o) => {
      const b = r.baseline.find((l) => l.concurrency === o.concurrency);
      if (!b) return [String(o.concurrency), n0(oursRate(o)), 'n/a', 'n/a', 'n/a'];
      return [
        String(o.concurrency),
        n0(oursRate(o)),
        n0(baseRate(b)),
        `**${(oursRate(o) / baseRate(b)).toFixed(1)}×**`,
        `${s3(ourCpu(o))} vs ${s3(b.cpu.systemSeconds / baseCount(b))}`,
      ];
    }),
  };
}

export function warmTable(r: BenchReport): Table {
  const w = r.warm.run;
  const rows = PHASES.map((p) => [`  ${p}`, p50p95(w.phasesMs[p]), p50p95(w.phasesCpuMs[p])]);
  const sum = (by: Readonly<Record<string, readonly number[]>>): number[] =>
    by[PHASES[0]].map((_, i) => PHASES.reduce((acc, p) => acc + by[p][i], 0));
  return {
    headers: ['Warm browser, one at a time', 'Wall p50 / p95 ms', 'CPU (Node + Chromium) p50 / p95 ms'],
    rows: [
      [
        `**PlaywrightSubmitter.submit()** (${w.submissions.length} × ${WARM_SITE})`,
        `**${p50p95(w.submissions.map((s) => s.ms))}**`,
        `mean ${n0(w.cpuPerSubmission * 1000)}`,
      ],
      ['the same steps one by one, sum', p50p95(sum(w.phasesMs)), p50p95(sum(w.phasesCpuMs))],
      ...rows,
    ],
  };
}

function best<T>(items: readonly T[], rate: (t: T) => number): T | undefined {
  return [...items].sort((a, b) => rate(b) - rate(a))[0];
}

export function targetLines(r: BenchReport): string[] {
  const bestOurs = best(r.ours, oursRate);
  const bestBase = best(r.baseline, baseRate);
  const warmP50 = percentile(
    r.warm.run.submissions.map((s) => s.ms),
    50,
  );
  const perLevel = r.ours.map((o) => {
    const b = r.baseline.find((l) => l.concurrency === o.concurrency);
    return b ? oursRate(o) / baseRate(b) : Number.NaN;
  });
  const bestRatio = bestOurs && bestBase ? oursRate(bestOurs) / baseRate(bestBase) : Number.NaN;
  return [
    `- ≥ ${n0(TARGET_PER_HOUR)} submissions/h end to end: best ${n0(bestOurs ? oursRate(bestOurs) : Number.NaN)} (WORKER_CONCURRENCY=${bestOurs?.concurrency}) — ${ok(bestOurs !== undefined && oursRate(bestOurs) >= TARGET_PER_HOUR)}. CPU ceiling at that level: ${bestOurs ? n0((cores(r) / ourCpu(bestOurs)) * 3600) : 'n/a'}/h.`,
    `- ≥ ${TARGET_VS_BASELINE}× the baseline: best against best ${bestRatio.toFixed(1)}×, level by level ${perLevel.map((x) => `${x.toFixed(1)}×`).join(', ')} — ${ok(bestRatio >= TARGET_VS_BASELINE)}.`,
    `- Simple-form submission p50 ≤ ${TARGET_SIMPLE_P50_MS} ms (\`submit()\` on ${WARM_SITE}, warm browser): ${n0(warmP50)} ms — ${ok(warmP50 <= TARGET_SIMPLE_P50_MS)}.`,
  ];
}

export function checkLines(r: BenchReport): string[] {
  return [
    ...r.ours.map(
      (l) =>
        `- Ours at ${l.concurrency}: ${n0(l.outcomes.succeeded)} succeeded of ${n0(l.submissions)}, failed ${l.outcomes.failed}, needs manual ${l.outcomes.needsManual}, skipped ${l.outcomes.skipped}, retries ${l.outcomes.retries}; ${s2(l.eventsPerSubmission)} events appended per submission.`,
    ),
    ...r.baseline.map(
      (l) =>
        `- Baseline at ${l.concurrency}: ${l.run.submissions.filter((s) => s.kind === 'success').length} succeeded of ${baseCount(l)} (of ${BASELINE_SUBMISSIONS} asked), ${l.run.launches} browsers launched.`,
    ),
    ...r.ours.map(
      (l) =>
        `- CPU accounting, ours at ${l.concurrency}: ${l.cpu.accounting}; the live /proc tree alone reads ${s3(l.cpu.systemTreeSeconds / l.submissions)} s/sub.`,
    ),
    ...r.baseline.map(
      (l) =>
        `- CPU accounting, baseline at ${l.concurrency}: ${l.cpu.accounting}; the live /proc tree alone reads ${s3(l.cpu.systemTreeSeconds / baseCount(l))} s/sub (browsers' helper processes outlive the reaped main process).`,
    ),
    `- Warm micro-run: ${r.warm.run.submissions.filter((s) => s.kind === 'success').length} of ${r.warm.run.submissions.length} succeeded; CPU (Node + Chromium) ${s3(r.warm.run.cpuPerSubmission)} s per submission, of which the Node process (Playwright's client) ${s3(r.warm.run.nodeCpuPerSubmission)} s and Chromium's processes the rest.`,
  ];
}

export function machineLine(r: BenchReport): string {
  const i = r.info;
  return `Machine: ${i.cores} cores (\`nproc\`), ${i.cpuModel}; ${i.postgres}; Node ${i.node}; ${r.chromium}; run ${i.date}. Load average (1 / 5 / 15 min) at start ${i.loadAtStart}, at end ${i.loadAtEnd ?? 'n/a'}. Whole run ${n0(r.totalSeconds)} s. Catalog ${CATALOG_SIZE} simple-form directories.`;
}

export function consoleSummary(r: BenchReport): string {
  return [
    machineLine(r),
    '',
    'Ours, end to end:',
    textTable(oursTable(r)),
    '',
    'Baseline, browser per submission:',
    textTable(baselineTable(r)),
    '',
    textTable(comparisonTable(r)),
    '',
    textTable(warmTable(r)),
    '',
    ...targetLines(r),
    ...checkLines(r),
  ].join('\n');
}
