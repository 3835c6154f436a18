import { ROUNDS } from './bench-config';
import type { ScenarioId, ScenarioResult, ScenarioSummary, StepId, StoreLabel, StoreRunResult } from './bench-types';
import { describeError } from './store-child';
import { startStore, type StoreHandle } from './store-handle';

const WRITE_SCENARIOS: readonly ScenarioId[] = ['single-1w', 'batch-1w', 'batch-8w', 'single-8w'];

interface StoreState {
  readonly label: StoreLabel;
  readonly handle: StoreHandle | null;
  readonly results: Map<ScenarioId, ScenarioResult[]>;
  error?: string;
}

async function start(entryFile: string, label: StoreLabel): Promise<StoreState> {
  try {
    return { label, handle: await startStore(entryFile, label), results: new Map() };
  } catch (error) {
    return { label, handle: null, results: new Map(), error: describeError(error) };
  }
}

function log(label: StoreLabel, round: number, result: ScenarioResult): void {
  const rate = Math.round(result.eventsPerSecond).toLocaleString('en-US');
  const p50 = result.latency ? `, p50 ${result.latency.p50Ms.toFixed(2)} ms` : '';
  const note = result.note ? ` (${result.note})` : '';
  console.log(`  round ${round} ${label.padEnd(6)} ${result.id.padEnd(9)} ${rate.padStart(8)} ev/s${p50}${note}`);
}

async function step(state: StoreState, id: StepId, round: number): Promise<void> {
  if (state.error !== undefined || state.handle === null) return;
  try {
    const result = await state.handle.run(id, round);
    if (result === null) return;
    state.results.set(result.id, [...(state.results.get(result.id) ?? []), result]);
    log(state.label, round, result);
  } catch (error) {
    state.error = describeError(error);
    console.error(`  ${state.label} failed at ${id}: ${state.error.split('\n')[0]}`);
  }
}

/** The round with the median throughput (the lower middle for an even count). */
function summarize(rounds: readonly ScenarioResult[]): ScenarioSummary {
  const sorted = [...rounds].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...median, roundRates: rounds.map((r) => r.eventsPerSecond) };
}

function toRunResult(state: StoreState): StoreRunResult {
  const scenarios = [...state.results.values()].map(summarize);
  return { store: state.label, scenarios, ...(state.error === undefined ? {} : { error: state.error }) };
}

/**
 * Warm-up, then ROUNDS rounds in which the stores take turns scenario by scenario (who goes first
 * alternates), so load from elsewhere on the machine hits both alike; then read-all once.
 */
export async function runPlan(entryFile: string, labels: readonly StoreLabel[]): Promise<StoreRunResult[]> {
  const states: StoreState[] = [];
  for (const label of labels) states.push(await start(entryFile, label));
  for (const state of states) await step(state, 'warmup', 0);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const order = round % 2 === 1 ? states : [...states].reverse();
    for (const id of WRITE_SCENARIOS) {
      for (const state of order) await step(state, id, round);
    }
  }
  for (const state of states) await step(state, 'fill', ROUNDS + 1);
  for (const state of states) await step(state, 'read-all', ROUNDS + 1);
  for (const state of states) {
    await state.handle?.finish().catch((error: unknown) => {
      state.error ??= describeError(error);
    });
  }
  return states.map(toRunResult);
}
