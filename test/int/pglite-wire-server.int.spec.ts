import { Client } from 'pg';
import { createEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../support/embedded-test-database';

describe('PGlite wire server (embedded mode)', () => {
  let db: EmbeddedTestDatabase;

  beforeAll(async () => {
    db = await createEmbeddedTestDatabase();
    await db.pool.query('CREATE TABLE wire_probe (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps concurrent parameterised queries of different connections apart', async () => {
    // With per-message queueing, one client's Bind lands on another's Parse and answers are swapped.
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, n) => db.pool.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [n, `v${n}`])),
    );
    answers.forEach((answer, n) => expect(answer.rows).toEqual([{ n, s: `v${n}` }]));
  });

  it('runs one transaction at a time; others wait and see only committed work', async () => {
    const a = await db.pool.connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO wire_probe VALUES (1, 'from a')");
      const other = db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM wire_probe');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await a.query('ROLLBACK');
      expect((await other).rows[0].n).toBe(0);
    } finally {
      a.release();
    }
  });

  it('a client that disconnects inside a transaction does not lock the database', async () => {
    const client = new Client({ connectionString: db.server.connectionString });
    await client.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO wire_probe VALUES (2, 'abandoned')");
    await client.end();
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM wire_probe WHERE id = 2');
    expect(rows[0].n).toBe(0);
  });
});
