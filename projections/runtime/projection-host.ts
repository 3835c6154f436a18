import type { Pool } from 'pg';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { Projection } from './projection';
import { ProcessingRuntime } from '../../src/processing/processing-runtime';
import type { ProjectorProcessor } from '../../src/processing/projector';
import type { ProjectorOptions, RunnerState } from './projection-leader';
import { installProjections, readAllStates, requestRebuild, type ProjectionStateRow } from './projection-registry';
import type { SqlReader } from '../../src/database/read-batch';

export interface LogLag {
  readonly events: number;
  readonly seconds: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly codeVersion: number;
  readonly liveVersion: number;
  readonly liveGeneration: number;
  readonly checkpoint: string | null;
  readonly eventsApplied: number;
  /** Events in the log past the checkpoint, and how old the oldest of them is. */
  readonly lag: LogLag | null;
  readonly state: RunnerState | 'elsewhere' | 'rebuilding';
  readonly rebuild: { readonly generation: number; readonly eventsApplied: number; readonly startedAt: Date | null } | null;
  readonly rebuildRequestedAt: Date | null;
  readonly lastRebuildAt: Date | null;
  readonly lastError: string | null;
}

/** `reader`: where to read, when the caller batches its reads (a metrics scrape). */
export type LagProbe = (checkpoint: string | null, reader?: SqlReader) => Promise<LogLag | null>;

export const DEFAULT_RUNNER_OPTIONS: Omit<ProjectorOptions, 'onError'> = {
  batchSize: 1000,
  rebuildBatchSize: 5000,
  statePollMs: 2000,
  standbyRetryMs: 5000,
};

/**
 * Every projection of a process: installs them, runs one projector each, reports and rebuilds.
 * Its own lease holder, so that a second host in the same process (a rebuild run and awaited
 * here) competes for the leases like another process would.
 */
export class ProjectionHost {
  private readonly runtime: ProcessingRuntime;
  private readonly runners = new Map<string, ProjectorProcessor>();

  constructor(
    private readonly pool: Pool,
    store: EventStore,
    readonly projections: readonly Projection[],
    private readonly options: ProjectorOptions,
    private readonly lagProbe: LagProbe = async () => null,
  ) {
    this.runtime = new ProcessingRuntime(pool, store);
  }

  /** Creates generation 1 of any projection never installed. Safe from many processes at once. */
  async install(): Promise<void> {
    await installProjections(this.pool, this.projections);
  }

  start(names: readonly string[] = this.projections.map((p) => p.name)): void {
    for (const projection of this.projections.filter((p) => names.includes(p.name))) {
      this.runners.set(projection.name, this.runtime.projector(projection, this.options));
    }
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    this.runners.clear();
  }

  find(name: string): Projection | undefined {
    return this.projections.find((p) => p.name === name);
  }

  /** Marks the projection for rebuild; its runner (here or in another process) picks it up. */
  async rebuild(name: string): Promise<boolean> {
    const requested = await requestRebuild(this.pool, name);
    this.runners.get(name)?.wake();
    return requested;
  }

  /** `reader`: a batch the caller reads other things through too (a metrics scrape). */
  async status(reader: SqlReader = this.pool): Promise<ProjectionStatus[]> {
    const states = new Map((await readAllStates(reader)).map((s) => [s.name, s]));
    // Caught-up projections share a checkpoint: one lag read each, all at once (a metrics scrape waits on this).
    const lags = new Map<string | null, Promise<LogLag | null>>();
    const lagAt = (checkpoint: string | null): Promise<LogLag | null> => {
      const known = lags.get(checkpoint);
      if (known) return known;
      const read = this.lagProbe(checkpoint, reader);
      lags.set(checkpoint, read);
      return read;
    };
    const described = this.projections.flatMap((projection) => {
      const state = states.get(projection.name);
      return state ? [this.describe(projection, state, lagAt(state.liveCheckpoint))] : [];
    });
    return Promise.all(described);
  }

  private async describe(projection: Projection, s: ProjectionStateRow, lag: Promise<LogLag | null>): Promise<ProjectionStatus> {
    const runner = this.runners.get(projection.name);
    return {
      name: projection.name,
      codeVersion: projection.version,
      liveVersion: s.liveVersion,
      liveGeneration: s.liveGeneration,
      checkpoint: s.liveCheckpoint,
      eventsApplied: s.liveEvents,
      lag: await lag,
      state: runner?.state ?? (s.nextGeneration !== null ? 'rebuilding' : 'elsewhere'),
      rebuild:
        s.nextGeneration === null ? null : { generation: s.nextGeneration, eventsApplied: s.nextEvents, startedAt: s.rebuildStartedAt },
      rebuildRequestedAt: s.rebuildRequestedAt,
      lastRebuildAt: s.lastRebuildAt,
      lastError: s.lastError,
    };
  }
}
