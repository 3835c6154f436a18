import type { Pool } from 'pg';
import type { Checkpoint } from '../event-store/event-store.port';

/**
 * Where a checkpointed subscription stands in the log (`subscription_checkpoints`), by
 * subscription id. Projections keep theirs beside their read tables instead, written in the
 * same transaction as the rows.
 */
export class CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async load(id: string): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM subscription_checkpoints WHERE subscription_id = $1',
      [id],
    );
    return rows[0]?.checkpoint ?? null;
  }

  async save(id: string, checkpoint: Checkpoint | null): Promise<void> {
    if (checkpoint === null) return;
    await this.pool.query(
      `INSERT INTO subscription_checkpoints (subscription_id, checkpoint) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [id, checkpoint],
    );
  }
}
