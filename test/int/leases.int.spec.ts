import { findLeaseHolder } from '../../src/processing/lease-holder';
import { AdvisoryLeases } from '../../src/database/advisory-leases';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { eventually } from '../support/eventually';

/** Two holders in one process stand for two processes: each has its own identity and connection. */
describe.each(TEST_BACKENDS)('leases ($name)', (backend) => {
  let db: BackendDatabase;
  const holders: AdvisoryLeases[] = [];
  const holder = (options?: { ttlMs?: number; renewEveryMs?: number; holder?: string }): AdvisoryLeases => {
    const leases = new AdvisoryLeases(db.pool, options);
    holders.push(leases);
    return leases;
  };

  beforeAll(async () => {
    db = await backend.create();
  });
  afterEach(async () => {
    await Promise.all(holders.splice(0).map((leases) => leases.close()));
  });
  afterAll(async () => db.drop());

  it('refuses a second holder while the first holds the lease, and hands it over on release', async () => {
    const [first, second] = [holder(), holder()];
    expect(await first.tryAcquire('projection:jobs')).toBe(true);
    expect(await second.tryAcquire('projection:jobs')).toBe(false);
    expect(second.isHeld('projection:jobs')).toBe(false);
    expect(await first.tryAcquire('projection:jobs')).toBe(true); // re-entrant for its own holder
    expect(await second.tryAcquire('reaction:dispatcher')).toBe(true); // other names are other leases

    await first.release('projection:jobs');
    expect(first.isHeld('projection:jobs')).toBe(false);
    expect(await second.tryAcquire('projection:jobs')).toBe(true);
    expect(await first.tryAcquire('projection:jobs')).toBe(false);
  });

  it('takes the lease from a holder that stopped renewing, once its TTL has passed', async () => {
    const silent = holder({ ttlMs: 1500, renewEveryMs: 3_600_000, holder: 'silent' });
    const next = holder({ ttlMs: 1500, holder: 'next' });
    expect(await silent.tryAcquire('stale-work-sweeper')).toBe(true);
    const held = await findLeaseHolder(db.pool, 'stale-work-sweeper');
    expect(await next.tryAcquire('stale-work-sweeper')).toBe(false);

    await eventually(() => next.tryAcquire('stale-work-sweeper'), { timeoutMs: 20_000, intervalMs: 50 });
    const taken = await findLeaseHolder(db.pool, 'stale-work-sweeper');
    expect(taken!.since.getTime()).toBeGreaterThanOrEqual(held!.expiresAt.getTime()); // not a moment before the TTL ran out
    expect([held!.holder, taken!.holder]).toEqual(['silent', 'next']);
    expect(silent.isHeld('stale-work-sweeper')).toBe(false); // it knows its own TTL ran out
    expect(await silent.tryAcquire('stale-work-sweeper')).toBe(false);
  });

  it('renews what it holds, so a live holder keeps the lease past its TTL', async () => {
    const live = holder({ ttlMs: 1000, renewEveryMs: 200 });
    const other = holder({ ttlMs: 1000 });
    expect(await live.tryAcquire('dead-letter-monitor')).toBe(true);
    const first = await findLeaseHolder(db.pool, 'dead-letter-monitor');
    await eventually(
      async () => (await findLeaseHolder(db.pool, 'dead-letter-monitor'))!.expiresAt > new Date(first!.expiresAt.getTime() + 1000),
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    expect(await other.tryAcquire('dead-letter-monitor')).toBe(false);
    expect(live.isHeld('dead-letter-monitor')).toBe(true);
  });

  if (backend.separateSessions) {
    it('frees the lease at once when the holder’s server session ends (a crashed process)', async () => {
      const crashed = holder({ ttlMs: 3_600_000 });
      const next = holder({ ttlMs: 3_600_000 });
      expect(await crashed.tryAcquire('reaction:job-progress')).toBe(true);
      await db.pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND pid = (SELECT session_pid FROM leases WHERE name = 'reaction:job-progress')",
      );
      await eventually(() => next.tryAcquire('reaction:job-progress'), { timeoutMs: 20_000, intervalMs: 50 });
    });
  }
});
