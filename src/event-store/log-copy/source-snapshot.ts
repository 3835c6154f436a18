import type { Pool, PoolClient } from 'pg';

/**
 * The whole source read inside one REPEATABLE READ transaction: events, tables, checkpoints
 * and the final counts all come from the same moment, whatever else happens on the source.
 */
export class SourceSnapshot {
  private cursors = 0;

  private constructor(readonly client: PoolClient) {}

  static async open(pool: Pool): Promise<SourceSnapshot> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return new SourceSnapshot(client);
    } catch (error) {
      client.release();
      throw error;
    }
  }

  /** Rows of `sql` (one text column named `row`) in pages of `size`, through a cursor. */
  async *pages(sql: string, size: number): AsyncGenerator<string[]> {
    const cursor = `copy_cursor_${++this.cursors}`;
    await this.client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`);
    try {
      for (;;) {
        const { rows } = await this.client.query<{ row: string }>(`FETCH ${size} FROM ${cursor}`);
        if (rows.length === 0) return;
        yield rows.map((r) => r.row);
      }
    } finally {
      await this.client.query(`CLOSE ${cursor}`);
    }
  }

  async close(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    this.client.release();
  }
}
