import { Pool } from 'pg';
import { InvalidEventDataError } from '../event-store.errors';
import { PostgresEventStore } from './postgres.event-store';

describe('PostgresEventStore append errors', () => {
  it('data the server refuses (SQLSTATE class 22) is the typed error, never a raw driver error', async () => {
    // Validation refuses what is known; this is the net under it for whatever else the server refuses.
    const pool = new Pool({ max: 1 });
    const refused = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the promise overload of query is the one mocked
    jest.spyOn(pool, 'query').mockImplementation(() => Promise.reject(refused));
    const store = new PostgresEventStore(pool, { maxEventBytes: 1024, pollIntervalMs: 1000, listen: false });
    const attempt = store.appendToStream('s-1', [{ type: 'A', data: {} }], { expectedVersion: 'any' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventDataError);
    await expect(attempt).rejects.toThrow(/refused the events' data: unsupported Unicode escape sequence/);
    await store.close();
    await pool.end();
  });
});
