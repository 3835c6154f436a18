import type { LatencySummary } from '../event-store/bench-types';
import type { MachineInfo } from '../event-store/machine-info';
import { ENQUEUE_P99_TARGET_MS, PG_PLAN, SQS_PLAN } from './bench-config';
import type { SubjectResult } from './bench-plan';
import type { ClaimLatencyResult, DrainResult, EnqueueResult } from './scenarios';

export type Row = readonly string[];

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => n.toFixed(2);
const lat = (l: LatencySummary | null | undefined): string => (l ? `${ms(l.p50Ms)} / ${ms(l.p99Ms)} / ${ms(l.maxMs)}` : 'n/a');
const enqueue = (r: EnqueueResult | undefined): string => (r ? `${lat(r.latency)} ms (${count(r.perSecond)} msg/s)` : 'n/a');
const claim = (r: ClaimLatencyResult | undefined): string =>
  r ? `${lat(r.latency)} ms (${count(r.claimed)}/${count(r.offered)} claimed, sent at ${count(r.achievedRate)}/s)` : 'n/a';
const batch = (r: EnqueueResult | undefined): string => (r ? `${count(r.perSecond)} msg/s (per call ${lat(r.latency)} ms)` : 'n/a');
const drained = (r: DrainResult | undefined): string =>
  r ? `${count(r.perSecond)} msg/s (${count(r.completed)} in ${r.seconds.toFixed(2)} s${r.timedOut ? ', TIMED OUT' : ''})` : 'n/a';
const times = (a: number | undefined, b: number | undefined): string => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');

export const PG_HEADERS: Row = ['Measure', 'Ours (PostgreSQL)', 'pg-boss 10.4.2', 'Ours / pg-boss'];
export const SQS_HEADERS: Row = ['Measure', 'Ours: SQS adapter + fauxqs 1.9.2'];

export function pgRows(ours: SubjectResult, boss: SubjectResult): Row[] {
  const p = PG_PLAN;
  return [
    [
      `Enqueue, ${count(p.singleSends)} single sends, p50 / p99 / max`,
      enqueue(ours.enqueue),
      enqueue(boss.enqueue),
      times(ours.enqueue?.perSecond, boss.enqueue?.perSecond),
    ],
    [`Enqueue→claim at ${p.ratePerSecond} msg/s for ${p.rateSeconds} s, p50 / p99 / max`, claim(ours.claim), claim(boss.claim), '—'],
    [
      `Batch enqueue, ${p.batchCalls} × ${count(p.batchSize)} per call`,
      batch(ours.batch),
      batch(boss.batch),
      times(ours.batch?.perSecond, boss.batch?.perSecond),
    ],
    [
      `Drain ${count(p.batchCalls * p.batchSize)} with ${p.consumers} consumers (claim ≤ 10 + complete)`,
      drained(ours.drain),
      drained(boss.drain),
      times(ours.drain?.perSecond, boss.drain?.perSecond),
    ],
  ];
}

export function sqsRows(sqs: SubjectResult): Row[] {
  const p = SQS_PLAN;
  return [
    [`Enqueue, ${count(p.singleSends)} single sends, p50 / p99 / max`, enqueue(sqs.enqueue)],
    [`Enqueue→claim at ${p.ratePerSecond} msg/s for ${p.rateSeconds} s, receive P1,P2,P3 (as workers)`, claim(sqs.claim)],
    [`Enqueue→claim at ${p.ratePerSecond} msg/s for ${p.rateSeconds} s, receive P1 only`, claim(sqs.claimOneTier)],
    [`Batch enqueue, ${p.batchCalls} × ${count(p.batchSize)} per call`, batch(sqs.batch)],
    [`Drain ${count(p.batchCalls * p.batchSize)} with ${p.consumers} consumers (receive ≤ 10 + ack)`, drained(sqs.drain)],
  ];
}

const verdict = (ok: boolean | null): string => (ok === null ? 'n/a' : ok ? '**met**' : '**missed**');

export function targetLines(ours: SubjectResult, boss: SubjectResult): string[] {
  const p99 = ours.enqueue?.latency?.p99Ms;
  const ratio = (a: number | undefined, b: number | undefined): number | null => (a && b ? a / b : null);
  const drainRatio = ratio(ours.drain?.perSecond, boss.drain?.perSecond);
  const batchRatio = ratio(ours.batch?.perSecond, boss.batch?.perSecond);
  return [
    `- Ours enqueue p99 ≤ ${ENQUEUE_P99_TARGET_MS} ms: ${p99 === undefined ? 'n/a' : `${ms(p99)} ms`} — ${verdict(p99 === undefined ? null : p99 <= ENQUEUE_P99_TARGET_MS)}.`,
    `- Ours drain throughput ≥ pg-boss: ${drainRatio === null ? 'n/a' : `${drainRatio.toFixed(2)}×`} — ${verdict(drainRatio === null ? null : drainRatio >= 1)}.`,
    `- Ours batch enqueue throughput ≥ pg-boss: ${batchRatio === null ? 'n/a' : `${batchRatio.toFixed(2)}×`} — ${verdict(batchRatio === null ? null : batchRatio >= 1)}.`,
  ];
}

export function checkLines(subjects: readonly SubjectResult[]): string[] {
  return subjects.flatMap((s) => {
    const dup = s.drain ? [`- ${s.label}: drain delivered ${count(s.drain.completed)} claims, ${s.drain.duplicates} duplicate(s).`] : [];
    return [...dup, ...s.errors.map((e) => `- ${s.label} ERROR: ${e.split('\n')[0]}`)];
  });
}

export function machineLine(info: MachineInfo): string {
  return `Machine: ${info.cores} cores (\`nproc\`), ${info.cpuModel}; ${info.postgres}; Node ${info.node}; run ${info.date}.`;
}

export function textTable(headers: Row, rows: readonly Row[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: Row): string => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function markdownTable(headers: Row, rows: readonly Row[]): string {
  const line = (cells: Row): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
