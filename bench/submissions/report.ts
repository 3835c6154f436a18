import type { MachineInfo } from '../event-store/machine-info';
import {
  BASELINE_SUBMISSIONS,
  CATALOG_SIZE,
  TARGET_CPU_PER_SUBMISSION,
  TARGET_PER_HOUR,
  TARGET_VS_BASELINE,
  WARM_SITE,
} from './bench-config';
import type { BaselineLevel, WarmResult } from './baseline-level';
import type { OursLevel } from './ours-level';
import { n0, p50p95, percentile, perHour, s2, s3, textTable, type Table } from './stats';
import { PHASES } from './warm-phases';

/** One pipeline of the side-by-side run: its settings, its warm phase split and its end-to-end level. */
export interface VariantResult {
  readonly name: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly warm: WarmResult;
  /** Null when the bounded run skipped its end-to-end level. */
  readonly ours: OursLevel | null;
}

export interface BenchReport {
  readonly info: MachineInfo;
  readonly chromium: string;
  readonly variants: readonly VariantResult[];
  readonly baseline: BaselineLevel;
  readonly totalSeconds: number;
}

const cores = (r: BenchReport): number => Number(r.info.cores) || 2;
/** The headline: app (Node + Chromium, cgroup) + PostgreSQL backends, CPU seconds per submission, end to end. */
export const cpuPerSubmission = (l: OursLevel): number => (l.cpu.systemSeconds + l.cpu.postgresSeconds) / l.submissions;
const baseCount = (b: BaselineLevel): number => b.run.submissions.length;
const baseCpu = (b: BaselineLevel): number => b.cpu.systemSeconds / baseCount(b);
const ceiling = (r: BenchReport, cpu: number): number => (cores(r) / cpu) * 3600;
const ok = (met: boolean): string => (met ? '**met**' : '**NOT met**');
const succeeded = (kinds: readonly { kind: string }[]): number => kinds.filter((s) => s.kind === 'success').length;

export function headlineTable(r: BenchReport): Table {
  const b = r.baseline;
  const rows = r.variants.map((v) => {
    const l = v.ours;
    if (!l) return [v.name, 'not run end to end', '', '', '', '', `warm: ${(baseCpu(b) / v.warm.run.cpuPerSubmission).toFixed(1)}×`, ''];
    const cpu = cpuPerSubmission(l);
    const rate = perHour(l.submissions, l.seconds);
    return [
      v.name,
      `**${s3(cpu)}**`,
      `${s3(l.cpu.systemNodeSeconds / l.submissions)} / ${s3((l.cpu.systemSeconds - l.cpu.systemNodeSeconds) / l.submissions)} / ${s3(l.cpu.postgresSeconds / l.submissions)}`,
      n0(ceiling(r, cpu)),
      n0(rate),
      `${Math.round((rate / ceiling(r, cpu)) * 100)} %`,
      `${(baseCpu(b) / cpu).toFixed(1)}×`,
      `${n0(l.outcomes.succeeded)} / ${n0(l.submissions)}`,
    ];
  });
  const bRate = perHour(baseCount(b), b.run.seconds);
  rows.push([
    'baseline: browser per submission',
    `**${s3(baseCpu(b))}**`,
    `${s3(b.cpu.systemNodeSeconds / baseCount(b))} / ${s3((b.cpu.systemSeconds - b.cpu.systemNodeSeconds) / baseCount(b))} / 0`,
    n0(ceiling(r, baseCpu(b))),
    n0(bRate),
    `${Math.round((bRate / ceiling(r, baseCpu(b))) * 100)} %`,
    '1.0×',
    `${succeeded(b.run.submissions)} / ${baseCount(b)}`,
  ]);
  return {
    headers: [
      'Pipeline',
      'CPU s/sub (app + PostgreSQL)',
      'Node / Chromium / PostgreSQL',
      'Ceiling/h (cores ÷ CPU)',
      'Measured/h',
      'Measured ÷ ceiling',
      'Cheaper than baseline',
      'Succeeded',
    ],
    rows,
  };
}

/** CPU ms (Node + Chromium) per phase, p50, from the warm sequential run of each variant. */
export function phaseCpuTable(r: BenchReport): Table {
  return {
    headers: ['Warm, one at a time: CPU ms p50', ...PHASES, 'sum of p50s', 'mean per submission', 'vs today', 'contexts opened / reused'],
    rows: r.variants.map((v) => {
      const w = v.warm.run;
      const p50s = PHASES.map((p) => percentile(w.phasesCpuMs[p], 50));
      return [
        v.name,
        ...p50s.map(n0),
        n0(p50s.reduce((a, b) => a + b, 0)),
        `**${n0(w.cpuPerSubmission * 1000)}**`,
        `${Math.round((w.cpuPerSubmission / r.variants[0].warm.run.cpuPerSubmission - 1) * 100)} %`,
        `${w.contextsOpened} / ${w.contextsReused}`,
      ];
    }),
  };
}

export function phaseWallTable(r: BenchReport): Table {
  return {
    headers: ['Warm, one at a time: wall ms p50', ...PHASES, '`submit()` p50 / p95'],
    rows: r.variants.map((v) => {
      const w = v.warm.run;
      return [v.name, ...PHASES.map((p) => n0(percentile(w.phasesMs[p], 50))), p50p95(w.submissions.map((s) => s.ms))];
    }),
  };
}

export function targetLines(r: BenchReport): string[] {
  const all = r.variants.at(-1);
  const today = r.variants[0];
  if (!all?.ours || !today?.ours) return ['- Targets need the first and last pipelines run end to end.'];
  const cpu = cpuPerSubmission(all.ours);
  const times = baseCpu(r.baseline) / cpu;
  const rate = perHour(all.ours.submissions, all.ours.seconds);
  return [
    `- ≤ ${TARGET_CPU_PER_SUBMISSION} CPU s per simple-form submission (${all.name}, end to end): ${s3(cpu)} (today's ${s3(cpuPerSubmission(today.ours))}) — ${ok(cpu <= TARGET_CPU_PER_SUBMISSION)}. Ceiling it implies: ${n0(ceiling(r, cpu))}/h on ${cores(r)} cores (target ${n0(TARGET_PER_HOUR)}/h).`,
    `- ≥ ${TARGET_VS_BASELINE}× cheaper in CPU than the browser-per-submission baseline: ${times.toFixed(1)}× (${s3(cpu)} vs ${s3(baseCpu(r.baseline))}) — ${ok(times >= TARGET_VS_BASELINE)}.`,
    `- Measured throughput of ${all.name}: ${n0(rate)}/h, ${Math.round((rate / ceiling(r, cpu)) * 100)} % of its ceiling (the machine is shared: see the load average).`,
  ];
}

export function checkLines(r: BenchReport): string[] {
  return [
    ...r.variants.map((v) => {
      const warm = `warm run ${succeeded(v.warm.run.submissions)} of ${v.warm.run.submissions.length} succeeded, CPU ${s3(v.warm.run.cpuPerSubmission)} s/sub of which Node ${s3(v.warm.run.nodeCpuPerSubmission)}`;
      const l = v.ours;
      if (!l) return `- ${v.name}: ${warm}; not run end to end.`;
      return `- ${v.name}: ${n0(l.outcomes.succeeded)} succeeded of ${n0(l.submissions)}, failed ${l.outcomes.failed}, needs manual ${l.outcomes.needsManual}, skipped ${l.outcomes.skipped}, retries ${l.outcomes.retries}; ${s2(l.eventsPerSubmission)} events per submission; attempt→success p50 / p95 ${p50p95(l.latenciesMs)} ms; CPU accounting ${l.cpu.accounting}; ${warm}.`;
    }),
    `- Baseline: ${succeeded(r.baseline.run.submissions)} succeeded of ${baseCount(r.baseline)} (of ${BASELINE_SUBMISSIONS} asked), ${r.baseline.run.launches} browsers launched, concurrency ${r.baseline.concurrency}; CPU accounting ${r.baseline.cpu.accounting}.`,
  ];
}

export function settingsLines(r: BenchReport): string[] {
  return r.variants.map(
    (v) =>
      `- ${v.name}: ${Object.entries(v.settings)
        .map(([k, val]) => `${k}=${val === '' ? "''" : val}`)
        .join(', ')}`,
  );
}

export function machineLine(r: BenchReport): string {
  const i = r.info;
  return `Machine: ${i.cores} cores (\`nproc\`), ${i.cpuModel}; ${i.postgres}; Node ${i.node}; ${r.chromium}; run ${i.date}. Load average (1 / 5 / 15 min) at start ${i.loadAtStart}, at end ${i.loadAtEnd ?? 'n/a'}. Whole run ${n0(r.totalSeconds)} s. Catalog ${CATALOG_SIZE} simple-form directories; warm runs on ${WARM_SITE}.`;
}

export function consoleSummary(r: BenchReport): string {
  return [
    machineLine(r),
    '',
    textTable(headlineTable(r)),
    '',
    textTable(phaseCpuTable(r)),
    '',
    textTable(phaseWallTable(r)),
    '',
    ...targetLines(r),
    ...checkLines(r),
  ].join('\n');
}
