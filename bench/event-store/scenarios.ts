import {
  BATCH_1W,
  BATCH_8W,
  FILL_BATCH,
  FILL_WRITERS,
  READ_LOG_EVENTS,
  READ_PAGE_SIZE,
  SINGLE_1W,
  SINGLE_8W,
  STREAMS_PER_WRITER,
  WARMUP_LOADS,
  type WriteLoad,
} from './bench-config';
import { benchEvents } from './bench-events';
import type { BenchEvent, BenchStore, LogReader, ScenarioId, ScenarioResult, StepId } from './bench-types';
import { elapsedMs, summarizeLatencies } from './stats';

interface WriteOutcome {
  readonly events: number;
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
}

/** Every payload is built before the clock starts, so only the store is timed. */
function prepareCalls(load: WriteLoad, writer: number): BenchEvent[][] {
  const calls: BenchEvent[][] = [];
  for (let call = 0; call < load.callsPerWriter; call += 1) {
    calls.push(benchEvents(load.eventsPerCall, (writer * load.callsPerWriter + call) * 1_000));
  }
  return calls;
}

/**
 * One writer appends round-robin to its own STREAMS_PER_WRITER streams, each time with the exact
 * expected version (0 for a stream not yet written), as a command handler would.
 */
async function runWriter(
  store: BenchStore,
  prefix: string,
  writer: number,
  calls: readonly BenchEvent[][],
  latenciesMs: number[],
): Promise<void> {
  const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
  for (let call = 0; call < calls.length; call += 1) {
    const slot = call % STREAMS_PER_WRITER;
    const started = process.hrtime.bigint();
    await store.append(`${prefix}-w${writer}-s${slot}`, calls[call], versions[slot]);
    latenciesMs.push(elapsedMs(started));
    versions[slot] += calls[call].length;
  }
}

export async function runWriteLoad(store: BenchStore, load: WriteLoad, round: number): Promise<WriteOutcome> {
  const perWriter = Array.from({ length: load.writers }, (_, w) => prepareCalls(load, w));
  const prefix = `bench-${load.name}-r${round}`;
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(perWriter.map((calls, w) => runWriter(store, prefix, w, calls, latenciesMs)));
  const seconds = elapsedMs(started) / 1_000;
  return { events: load.writers * load.callsPerWriter * load.eventsPerCall, seconds, latenciesMs };
}

function toResult(id: ScenarioId, outcome: WriteOutcome, note?: string): ScenarioResult {
  return {
    id,
    events: outcome.events,
    seconds: outcome.seconds,
    eventsPerSecond: outcome.events / outcome.seconds,
    latency: summarizeLatencies(outcome.latenciesMs),
    ...(note === undefined ? {} : { note }),
  };
}

async function readToEnd(reader: LogReader): Promise<WriteOutcome & { distinct: number }> {
  const pages: (readonly string[])[] = [];
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  for (let atEnd = false; !atEnd;) {
    const pageStarted = process.hrtime.bigint();
    const page = await reader.nextPage();
    latenciesMs.push(elapsedMs(pageStarted));
    pages.push(page.keys);
    atEnd = page.atEnd;
  }
  const seconds = elapsedMs(started) / 1_000;
  const events = pages.reduce((sum, keys) => sum + keys.length, 0);
  return { events, seconds, latenciesMs, distinct: new Set(pages.flat()).size };
}

/** Reads the whole log from the start in pages; checks that every event came exactly once. */
export async function runReadAll(store: BenchStore, inLog: number): Promise<ScenarioResult> {
  const warmReader = store.openLogReader(READ_PAGE_SIZE);
  const reader = store.openLogReader(READ_PAGE_SIZE);
  if (warmReader === null || reader === null) {
    return { id: 'read-all', events: 0, seconds: 0, eventsPerSecond: 0, latency: null, note: 'no global read' };
  }
  for (let page = 0; page < 3; page += 1) await warmReader.nextPage();
  const outcome = await readToEnd(reader);
  const ok = outcome.events === inLog && outcome.distinct === inLog;
  const verdict = ok ? 'complete' : 'INCOMPLETE';
  return toResult('read-all', outcome, `${verdict}: read ${outcome.events}, distinct ${outcome.distinct}, in log ${inLog}`);
}

const TIMED_LOADS: Readonly<Record<Exclude<ScenarioId, 'read-all'>, WriteLoad>> = {
  'single-1w': SINGLE_1W,
  'batch-1w': BATCH_1W,
  'batch-8w': BATCH_8W,
  'single-8w': SINGLE_8W,
};

export interface StepRunner {
  /** Runs one step; timed scenarios give a result, warm-up and fill give null. */
  run(step: StepId, round: number): Promise<ScenarioResult | null>;
}

/** Keeps count of what was written so that read-all can check it saw every event once. */
export function createStepRunner(store: BenchStore): StepRunner {
  let written = 0;
  const write = async (load: WriteLoad, round: number): Promise<WriteOutcome> => {
    const outcome = await runWriteLoad(store, load, round);
    written += outcome.events;
    return outcome;
  };
  return {
    async run(step: StepId, round: number): Promise<ScenarioResult | null> {
      switch (step) {
        case 'warmup':
          for (const load of WARMUP_LOADS) await write(load, round);
          return null;
        case 'fill':
          if (READ_LOG_EVENTS > written) await write(fillLoad(READ_LOG_EVENTS - written), round);
          return null;
        case 'read-all':
          return runReadAll(store, written);
        default:
          return toResult(step, await write(TIMED_LOADS[step], round));
      }
    },
  };
}

function fillLoad(missing: number): WriteLoad {
  const callsPerWriter = Math.ceil(missing / (FILL_WRITERS * FILL_BATCH));
  return { name: 'fill', writers: FILL_WRITERS, callsPerWriter, eventsPerCall: FILL_BATCH };
}
