import type { Checkpoint } from '../../src/event-store/event-store.port';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { DEFAULT_RUNNER_OPTIONS } from '../../projections/runtime/projection-host';
import { MEASURED } from './bench-host';
import { cpuSince, markCpu } from './cpu-usage';

export interface ReadPass {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly nodeSeconds: number;
}

/**
 * What reading alone costs a rebuild: each projection's filtered readAll over the whole log in
 * rebuild pages, nothing applied. The host reads the log once per projection being rebuilt.
 */
export async function runReadPasses(store: PostgresEventStore, logEvents: number): Promise<ReadPass[]> {
  const passes: ReadPass[] = [];
  for (const projection of MEASURED) {
    const mark = markCpu();
    let after: Checkpoint | null = null;
    let events = 0;
    let scanned = 0;
    while (scanned < logEvents) {
      const maxCount = Math.min(DEFAULT_RUNNER_OPTIONS.rebuildBatchSize, logEvents - scanned);
      const page = await store.readAll({ after, maxCount, eventTypes: projection.handles });
      scanned += maxCount;
      events += page.events.length;
      after = page.checkpoint;
      if (page.isEnd) break;
    }
    const cpu = cpuSince(mark);
    passes.push({ name: projection.name, events, seconds: cpu.wallSeconds, nodeSeconds: cpu.nodeSeconds });
  }
  return passes;
}
