import type { Pool } from 'pg';
import type { AdvisoryLeases } from '../database/advisory-leases';
import type { Checkpoint, EventStore, Subscription } from '../event-store/event-store.port';
import { WakeableSleep } from '../shared/wakeable-sleep';
import type { Reaction } from './reaction';

export interface ReactionRunnerOptions {
  readonly batchSize: number;
  readonly standbyRetryMs: number;
  readonly onError: (reaction: string, error: unknown) => void;
}

/**
 * Runs one reaction as a checkpointed subscription, alone across processes (advisory lease).
 * Effects first, checkpoint after: a crash in between replays the page, which idempotent
 * reactions turn into no-ops — exactly-once effects from at-least-once delivery.
 */
export class ReactionRunner {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private readonly pause = new WakeableSleep();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly leases: AdvisoryLeases,
    readonly reaction: Reaction,
    private readonly options: ReactionRunnerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    await this.subscription?.stop();
    await this.loop;
  }

  private async run(): Promise<void> {
    const lease = `reaction:${this.reaction.name}`;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.leases.tryAcquire(lease))) {
          await this.pause.sleep(this.options.standbyRetryMs);
          continue;
        }
        await this.follow(lease);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.onError(this.reaction.name, error);
        await this.pause.sleep(Math.min(30_000, 250 * 2 ** failures));
      }
    }
    await this.leases.release(lease);
  }

  /** Until stopped, the lease is lost, or the reaction fails (then the caller backs off and retries). */
  private async follow(lease: string): Promise<void> {
    let failure: unknown = null;
    const subscription = this.store.subscribeToAll({
      from: await loadCheckpoint(this.pool, this.reaction.name),
      eventTypes: this.reaction.handles,
      batchSize: this.options.batchSize,
      handleBatch: async (events, checkpoint) => {
        if (!this.leases.isHeld(lease)) throw new Error(`lease ${lease} lost`);
        if (events.length > 0) await this.reaction.react(events);
        await saveCheckpoint(this.pool, this.reaction.name, checkpoint);
      },
      onError: (error) => {
        failure = error;
        this.pause.wake();
      },
    });
    this.subscription = subscription;
    while (!this.stopped && failure === null && this.leases.isHeld(lease)) await this.pause.sleep(1000);
    await subscription.stop();
    this.subscription = null;
    if (failure !== null) throw failure;
  }

}

export async function loadCheckpoint(pool: Pool, id: string): Promise<Checkpoint | null> {
  const { rows } = await pool.query<{ checkpoint: string }>('SELECT checkpoint FROM subscription_checkpoints WHERE subscription_id = $1', [id]);
  return rows[0]?.checkpoint ?? null;
}

export async function saveCheckpoint(pool: Pool, id: string, checkpoint: Checkpoint | null): Promise<void> {
  if (checkpoint === null) return;
  await pool.query(
    `INSERT INTO subscription_checkpoints (subscription_id, checkpoint) VALUES ($1, $2)
     ON CONFLICT (subscription_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
    [id, checkpoint],
  );
}
