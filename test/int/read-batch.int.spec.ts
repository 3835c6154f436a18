import type { Pool } from 'pg';
import { ReadBatch } from '../../src/database/read-batch';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';

/** Counts what reaches the pool: one call is one round trip. */
function counted(pool: Pool): { pool: Pool; calls: string[] } {
  const calls: string[] = [];
  const spy = {
    query: (text: string, values?: unknown[]) => {
      calls.push(text);
      return pool.query(text, values);
    },
  } as unknown as Pool;
  return { pool: spy, calls };
}

describe.each(TEST_BACKENDS)('ReadBatch on $name', (backend) => {
  let db: BackendDatabase;

  beforeAll(async () => {
    db = await backend.create();
    await db.pool.query(`CREATE TABLE batch_items (id int PRIMARY KEY, label text NOT NULL, at timestamptz)`);
    await db.pool.query(`INSERT INTO batch_items VALUES (1, 'it''s -- $1', '2026-01-02T03:04:05Z'), (2, 'plain', NULL)`);
  });
  afterAll(() => db.drop());

  it('sends reads issued together in one round trip, each with its own rows and parameters', async () => {
    const { pool, calls } = counted(db.pool);
    const batch = new ReadBatch(pool);
    const [quoted, byDate, flags, missing] = await Promise.all([
      batch.query<{ id: number }>('SELECT id FROM batch_items WHERE label = $1', ["it's -- $1"]),
      batch.query<{ id: number; at: Date }>('SELECT id, at FROM batch_items WHERE at = $1 -- a comment with $2', [
        new Date('2026-01-02T03:04:05Z'),
      ]),
      batch.query<{ n: number; b: boolean; s: number }>('SELECT count(*)::int AS n, $1::boolean AS b, $2 / 1000.0 AS s FROM batch_items', [
        true,
        120_000,
      ]),
      batch.query<{ id: number }>('SELECT id FROM batch_items WHERE $1::text IS NULL AND id > 1;', [null]),
    ]);
    expect(calls).toHaveLength(1);
    expect(quoted.rows).toEqual([{ id: 1 }]);
    expect(byDate.rows).toEqual([{ id: 1, at: new Date('2026-01-02T03:04:05Z') }]);
    expect(flags.rows).toEqual([{ n: 2, b: true, s: '120.0000000000000000' }]);
    expect(missing.rows).toEqual([{ id: 2 }]);
  });

  it('a failing read rejects alone: the others still get their rows', async () => {
    const { pool, calls } = counted(db.pool);
    const batch = new ReadBatch(pool);
    const results = await Promise.allSettled([
      batch.query('SELECT id FROM batch_items WHERE id = $1', [1]),
      batch.query('SELECT * FROM no_such_table'),
      batch.query('SELECT label FROM batch_items WHERE id = $1', [2]),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: { rows: [{ id: 1 }] } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: '42P01' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { rows: [{ label: 'plain' }] } });
    expect(calls).toHaveLength(4); // the batch, then each alone
  });

  it('sends a read it cannot inline (an array value) on its own, with its parameters', async () => {
    const { pool, calls } = counted(db.pool);
    const batch = new ReadBatch(pool);
    const [arrayRead, a, b] = await Promise.all([
      batch.query<{ id: number }>('SELECT id FROM batch_items WHERE id = ANY ($1) ORDER BY id', [[1, 2]]),
      batch.query<{ one: number }>('SELECT 1 AS one'),
      batch.query<{ two: number }>('SELECT 2 AS two'),
    ]);
    expect(arrayRead.rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect([a.rows, b.rows]).toEqual([[{ one: 1 }], [{ two: 2 }]]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain('ANY ($1)');
  });
});
