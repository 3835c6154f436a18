/** What the scenarios need from a store under test; one adapter per store. */
export type StoreLabel = 'ours' | 'emmett';

export const STORE_LABELS: readonly StoreLabel[] = ['ours', 'emmett'];

export interface BenchEventData {
  readonly [key: string]: string | number;
}

export interface BenchEvent {
  readonly type: 'BenchEvent';
  readonly data: BenchEventData;
}

export interface LogPage {
  /** `<streamId>:<streamVersion>` of every event in the page, to check the read afterwards. */
  readonly keys: readonly string[];
  /** True once the page was shorter than asked for: the end of the log. */
  readonly atEnd: boolean;
}

export interface LogReader {
  nextPage(): Promise<LogPage>;
}

export interface BenchStore {
  readonly label: StoreLabel;
  /** Appends with the exact expected version (the number of events the stream already has). */
  append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void>;
  /** A reader of the whole log from its start, or null when the store has no global read. */
  openLogReader(pageSize: number): LogReader | null;
  /** Stops the store and ends its pool. */
  close(): Promise<void>;
}

export interface LatencySummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export type ScenarioId = 'single-1w' | 'batch-1w' | 'batch-8w' | 'single-8w' | 'read-all';

/** What a store's child process can be asked to run; warm-up and fill are untimed. */
export type StepId = ScenarioId | 'warmup' | 'fill';

export interface ScenarioResult {
  readonly id: ScenarioId;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Per call: one append, or one page for read-all. */
  readonly latency: LatencySummary | null;
  readonly note?: string;
}

/** A scenario as reported: the round with the median throughput, plus every round's rate. */
export interface ScenarioSummary extends ScenarioResult {
  readonly roundRates: readonly number[];
}

export interface StoreRunResult {
  readonly store: StoreLabel;
  readonly scenarios: readonly ScenarioSummary[];
  readonly error?: string;
}

export type ParentMessage = { readonly kind: 'run'; readonly step: StepId; readonly round: number } | { readonly kind: 'finish' };

export type ChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: ScenarioResult | null }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'finished' };
