import type { Pool } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { Checkpoint, EventStore, Subscription } from '../../src/event-store/event-store.port';
import type { LeaderTask, Leadership } from '../../src/processing/leader-loop';
import type { Projection } from './projection';
import { applyBatch, ProjectionFencedError } from './projection-batch';
import { beginRebuild, promoteNext, readState, recordError, type ProjectionStateRow } from './projection-registry';
import { dropOtherGenerations } from './projection-schema';

export interface ProjectorOptions {
  readonly batchSize: number;
  readonly rebuildBatchSize: number;
  /** How often the leader looks for rebuild requests from other processes. */
  readonly statePollMs: number;
  readonly standbyRetryMs: number;
  readonly onError: (projection: string, error: unknown) => void;
  readonly onProgress?: (projection: string, rebuiltEvents: number) => void;
}

export type RunnerState = 'starting' | 'standby' | 'live' | 'rebuilding' | 'failing' | 'stopped';

/**
 * What a projector does while it holds the projection's lease: keeps the live tables current,
 * and rebuilds them blue/green when asked or when the projection's version changed.
 */
export class ProjectionLeader implements LeaderTask {
  readonly lease: string;
  state: RunnerState = 'starting';
  private live: Subscription | null = null;
  /** Boxed, so that whatever the subscription failed with (even a falsy value) counts as a failure. */
  private liveFailure: { readonly error: unknown } | null = null;
  /** The leadership of the current turn: a failing live subscription wakes its loop. */
  private leadership: Leadership | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: ProjectorOptions,
  ) {
    this.lease = `projection:${projection.name}`;
  }

  onStandby(): void {
    this.state = 'standby';
  }

  async onFailure(error: unknown): Promise<void> {
    this.state = 'failing';
    this.options.onError(this.projection.name, error);
    await recordError(this.pool, this.projection.name, (error as Error).message).catch(() => undefined);
  }

  async afterTurn(): Promise<void> {
    await this.stopLive();
  }

  async lead(leadership: Leadership): Promise<void> {
    this.leadership = leadership;
    this.startLive(await this.mustReadState());
    while (leadership.active) {
      if (this.liveFailure) throw this.liveFailure.error;
      let state = await this.mustReadState();
      if (state.nextGeneration === null && this.wantsRebuild(state)) {
        await withTransaction(this.pool, (client) => beginRebuild(client, this.projection, state));
        state = await this.mustReadState();
      }
      if (state.nextGeneration !== null) await this.rebuild(state, leadership);
      else await leadership.sleep(this.options.statePollMs);
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
  private async rebuild(state: ProjectionStateRow, leadership: Leadership): Promise<void> {
    this.state = 'rebuilding';
    const target = { cursor: 'next' as const, generation: state.nextGeneration! };
    let from: Checkpoint | null = state.nextCheckpoint;
    let count = state.nextEvents;
    let frozenLive: { readonly checkpoint: Checkpoint | null } | null = null;
    while (leadership.active) {
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
    if (this.liveFailure) throw this.liveFailure.error;
    return { checkpoint: (await this.mustReadState()).liveCheckpoint };
  }

  private async swap(generation: number, liveCheckpoint: Checkpoint | null): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query("SET LOCAL lock_timeout = '10s'");
      const state = await readState(client, this.projection.name);
      if (state?.nextGeneration !== generation)
        throw new Error(`Projection ${this.projection.name}: rebuild state changed before the swap`);
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
        this.liveFailure = { error };
        this.leadership?.wake();
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
