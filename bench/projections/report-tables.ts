import type { LagResult } from './lag-phase';
import type { ReadPass } from './read-passes';
import type { RebuildResult } from './rebuild-phase';
import type { SliceRun } from './slice-comparison';
import type { Table } from '../shared/tables';

export { markdownTable, textTable, type Table } from '../shared/tables';

export const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');
export const s2 = (n: number): string => n.toFixed(2);

/** Throughput is always log events scanned (the whole log) over wall time, whatever a projection handles. */
export function rebuildTable(rebuild: RebuildResult, logEvents: number): Table {
  const rows = rebuild.projections.map((p) => [p.name, n0(p.eventsApplied), s2(p.seconds), n0(logEvents / p.seconds)]);
  return {
    headers: ['Projection', 'Events applied (of its types)', 'Caught up and swapped after s', 'Log events/s'],
    rows: [
      ...rows,
      [
        '**all three, wall time**',
        n0(rebuild.projections.reduce((a, p) => a + p.eventsApplied, 0)),
        s2(rebuild.seconds),
        `**${n0(logEvents / rebuild.seconds)}**`,
      ],
    ],
  };
}

export function lagTable(lag: LagResult): Table {
  const triple = (x: { p50: number; p99: number; max: number }, f: (n: number) => string): string =>
    `${f(x.p50)} / ${f(x.p99)} / ${f(x.max)}`;
  return {
    headers: ['Projection', 'Samples', 'Lag events p50 / p99 / max', 'Lag ms p50 / p99 / max'],
    rows: lag.lag.map((l) => [l.name, String(l.samples), triple(l.events, n0), triple(l.ms, n0)]),
  };
}

export function sliceTable(batched: SliceRun, perEvent: SliceRun, sliceEvents: number): Table {
  const rate = (seconds: number): string => n0(sliceEvents / seconds);
  const rows = batched.projections.map((b, i) => {
    const p = perEvent.projections[i];
    const name = b.name.replace(/__batched$/, '');
    return [
      name,
      n0(b.applied),
      `${s2(b.seconds)} s, ${n0(b.transactions)} tx, ${rate(b.seconds)} ev/s`,
      `${s2(p.seconds)} s, ${n0(p.transactions)} tx, ${rate(p.seconds)} ev/s`,
      `${(p.seconds / b.seconds).toFixed(1)}×`,
    ];
  });
  const all = [
    '**all three, wall time**',
    n0(batched.projections.reduce((a, p) => a + p.applied, 0)),
    `${s2(batched.seconds)} s, ${rate(batched.seconds)} ev/s`,
    `${s2(perEvent.seconds)} s, ${rate(perEvent.seconds)} ev/s`,
    `**${(perEvent.seconds / batched.seconds).toFixed(1)}×**`,
  ];
  return {
    headers: [
      'Projection',
      'Events applied',
      'Batched (runtime: a page per transaction)',
      'Per event (a transaction per event)',
      'Batched speed-up',
    ],
    rows: [...rows, all],
  };
}

export function readTable(reads: readonly ReadPass[]): Table {
  return {
    headers: ['Filter of', 'Events returned', 'Read s', 'Node CPU s'],
    rows: reads.map((r) => [r.name, n0(r.events), s2(r.seconds), s2(r.nodeSeconds)]),
  };
}
