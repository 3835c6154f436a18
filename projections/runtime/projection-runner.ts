import type { Pool } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import { WakeableSleep } from '../../src/shared/wakeable-sleep';
import type { Checkpoint, EventStore, Subscription } from '../../src/event-store/event-store.port';
import type { Projection } from './projection';
import { applyBatch, ProjectionFencedError } from './projection-batch';
import type { AdvisoryLeases } from '../../src/database/advisory-leases';
import { beginRebuild, promoteNext, readState, recordError, type ProjectionStateRow } from './projection-registry';
import { dropOtherGenerations } from './projection-schema';

export interface ProjectionRunnerOptions {
  readonly batchSize: number;
  readonly rebuildBatchSize: number;
  /** How often the leader looks for rebuild requests from other processes. */
  readonly statePollMs: number;
  readonly standbyRetryMs: number;
  readonly onError: (projection: string, error: unknown) => void;
  readonly onProgress?: (projection: string, rebuiltEvents: number) => void;
}

export type RunnerState = 'starting' | 'standby' | 'live' | 'rebuilding' | 'failing' | 'stopped';

/** Keeps one projection's live tables current and rebuilds it blue/green when asked or when its version changed. */
export class ProjectionRunner {
  private live: Subscription | null = null;
  private liveFailure: unknown = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();
  state: RunnerState = 'starting';
  private readonly leaseName: string;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly leases: AdvisoryLeases,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.leaseName = `projection:${projection.name}`;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Wakes the leader now instead of at its next poll (a rebuild was requested in this process). */
  poke(): void {
    this.pause.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    await this.loop;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (await this.leases.tryAcquire(this.leaseName)) {
          await this.lead();
          failures = 0;
        } else {
          this.state = 'standby';
          await this.pause.sleep(this.options.standbyRetryMs);
        }
      } catch (error) {
        failures += 1;
        this.state = 'failing';
        this.options.onError(this.projection.name, error);
        await recordError(this.pool, this.projection.name, (error as Error).message).catch(() => undefined);
        await this.pause.sleep(Math.min(30_000, 250 * 2 ** failures));
      } finally {
        await this.stopLive();
      }
    }
    await this.leases.release(this.leaseName);
  }

  private async lead(): Promise<void> {
    this.startLive(await this.mustReadState());
    while (!this.stopped && this.leases.isHeld(this.leaseName)) {
      if (this.liveFailure) throw this.liveFailure;
      let state = await this.mustReadState();
      if (state.nextGeneration === null && this.wantsRebuild(state)) {
        await withTransaction(this.pool, (client) => beginRebuild(client, this.projection, state));
        state = await this.mustReadState();
      }
      if (state.nextGeneration !== null) await this.rebuild(state);
      else await this.pause.sleep(this.options.statePollMs);
    }
  }

  private wantsRebuild(state: ProjectionStateRow): boolean {
    return state.rebuildRequestedAt !== null || state.liveVersion !== this.projection.version;
  }

  /**
   * Catch-up of the next generation from its checkpoint to the end of the log, then the swap.
   * The live generation keeps moving meanwhile, so reaching the end once is not enough: the live
   * one is then stopped where it stands and the next one reads to the end again. The log only
   * grows readable, so that second end is at or past the live checkpoint, and reads never go back.
   */
  private async rebuild(state: ProjectionStateRow): Promise<void> {
    this.state = 'rebuilding';
    const target = { cursor: 'next' as const, generation: state.nextGeneration! };
    let from: Checkpoint | null = state.nextCheckpoint;
    let count = state.nextEvents;
    let frozenLive: { readonly checkpoint: Checkpoint | null } | null = null;
    while (!this.stopped && this.leases.isHeld(this.leaseName)) {
      const page = await this.store.readAll({ after: from, maxCount: this.options.rebuildBatchSize, eventTypes: this.projection.handles });
      if (page.checkpoint !== from) await applyBatch(this.pool, this.projection, { ...target, from }, page.events, page.checkpoint);
      from = page.checkpoint;
      count += page.events.length;
      this.options.onProgress?.(this.projection.name, count);
      if (page.isEnd && frozenLive) return this.swap(target.generation, frozenLive.checkpoint);
      if (page.isEnd) frozenLive = await this.freezeLive();
    }
  }

  /** Stops the live subscription (its last page committed) and says where it stopped. */
  private async freezeLive(): Promise<{ readonly checkpoint: Checkpoint | null }> {
    await this.stopLive();
    if (this.liveFailure) throw this.liveFailure;
    return { checkpoint: (await this.mustReadState()).liveCheckpoint };
  }

  private async swap(generation: number, liveCheckpoint: Checkpoint | null): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query("SET LOCAL lock_timeout = '10s'");
      const state = await readState(client, this.projection.name);
      if (state?.nextGeneration !== generation) throw new Error(`Projection ${this.projection.name}: rebuild state changed before the swap`);
      // Another runner moving the live checkpoint after the freeze would undo the catch-up guarantee.
      if (state.liveCheckpoint !== liveCheckpoint) throw new ProjectionFencedError(this.projection.name, 'live');
      await promoteNext(client, this.projection, state);
    });
    await withTransaction(this.pool, (client) => dropOtherGenerations(client, this.projection, [generation])).catch((error) =>
      this.options.onError(this.projection.name, error),
    );
    this.startLive(await this.mustReadState());
  }

  private startLive(state: ProjectionStateRow): void {
    this.state = state.nextGeneration === null ? 'live' : 'rebuilding';
    this.liveFailure = null;
    let from = state.liveCheckpoint;
    const target = { cursor: 'live' as const, generation: state.liveGeneration };
    this.live = this.store.subscribeToAll({
      from,
      eventTypes: this.projection.handles,
      batchSize: this.options.batchSize,
      handleBatch: async (events, to) => {
        await applyBatch(this.pool, this.projection, { ...target, from }, events, to);
        from = to;
      },
      onError: (error) => {
        this.liveFailure = error;
        this.pause.wake();
      },
    });
  }

  private async stopLive(): Promise<void> {
    const live = this.live;
    this.live = null;
    await live?.stop();
  }

  private async mustReadState(): Promise<ProjectionStateRow> {
    const state = await readState(this.pool, this.projection.name);
    if (!state) throw new Error(`Projection ${this.projection.name} is not installed`);
    return state;
  }

}
