import type { MachineInfo } from '../event-store/machine-info';
import { markdownTable, type Table } from '../shared/tables';
import { CATALOG_SIZE, JOBS_PER_WORKER, WORKER_CONCURRENCY } from './scale-out-config';
import type { ScenarioResult } from './scale-out-level';

export interface ScaleOutReport {
  readonly info: MachineInfo;
  readonly chromium: string;
  readonly results: readonly ScenarioResult[];
  readonly totalSeconds: number;
}

const perHour = (count: number, seconds: number): string =>
  seconds > 0 ? Math.round((count / seconds) * 3600).toLocaleString('en-US') : '–';
const fixed = (value: number, digits = 2): string => value.toFixed(digits);

/** CPU of everything our side spends: worker processes, the API/dispatcher process, PostgreSQL, the queue emulator. */
export function systemCpu(result: ScenarioResult): number {
  return result.workers.reduce((sum, w) => sum + w.cpuSeconds, 0) + result.apiCpuSeconds + result.postgresSeconds + result.queueCpuSeconds;
}

export function scenarioTable(results: readonly ScenarioResult[]): Table {
  return {
    headers: [
      'queue',
      'worker processes',
      'submissions (ok)',
      'wall s',
      'total subs/h',
      'per worker process: subs/h',
      'per worker process: CPU-s/sub',
      'all CPU-s/sub (workers + API + PG + queue)',
      'machine busy CPU-s',
    ],
    rows: results.map((r) => [
      r.scenario.queue === 'sqs' ? 'SQS (fauxqs)' : 'PostgreSQL',
      String(r.scenario.workers),
      `${r.submissions} (${r.succeeded})`,
      fixed(r.wallSeconds, 1),
      perHour(r.submissions, r.wallSeconds),
      r.workers.map((w) => perHour(w.attempts, r.wallSeconds)).join(' · '),
      r.workers.map((w) => (w.attempts > 0 ? fixed(w.cpuSeconds / w.attempts) : '–')).join(' · '),
      fixed(systemCpu(r) / Math.max(1, r.succeeded)),
      fixed(r.machineSeconds, 0),
    ]),
  };
}

export function sectionText(report: ScaleOutReport, planned: number): string {
  const { info } = report;
  const partial = report.results.length < planned ? ` **Partial: ${report.results.length} of ${planned} scenarios measured so far.**` : '';
  return [
    '## Scale-out (bench/scale-out)',
    '',
    `### Run ${info.date}`,
    '',
    `Machine: ${info.cores} cores, ${info.cpuModel}; ${info.postgres}; Node ${info.node}; ${report.chromium}. ` +
      `Load average (1/5/15 min) at start ${info.loadAtStart}, at end ${info.loadAtEnd ?? '?'}. ` +
      `**A loaded machine**: other sessions shared its 2 cores during the run, so absolute rates are low and noisy; compare rows with each other.`,
    '',
    `Each row: a fresh database, one API process (\`ROLES=api,projector,reactor,dispatcher\`) and N worker processes (\`ROLES=worker\`, ` +
      `WORKER_CONCURRENCY=${WORKER_CONCURRENCY} each) sharing the queue; an untimed warm-up job, then ${JOBS_PER_WORKER} jobs × ${CATALOG_SIZE} ` +
      `simple-form directories per worker process POSTed at once, timed until every job is complete in the log and the read model. ` +
      `Directories are on the multi-origin sandbox (each its own loopback site; some pages load third-party assets). ` +
      `Per-process figures: attempts started by that process (by the pid in its worker id) and its cgroup CPU (Node + Chromium). Total run ${fixed(report.totalSeconds, 0)} s.${partial}`,
    '',
    markdownTable(scenarioTable(report.results)),
    '',
    'Reading it: in a 2-process row both worker processes claim from the same queue; the per-process columns show how the ' +
      'work split and what each submission cost each process. What should hold from 1 to 2 processes is the CPU per submission ' +
      "(the README's capacity arithmetic multiplies it); the total rate cannot double here, since both processes share the " +
      "same 2 cores with the API process, PostgreSQL, the sandbox and other sessions' work.",
  ].join('\n');
}
