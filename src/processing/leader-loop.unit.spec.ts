import { backoffMs, LeaderLoop, type Leadership } from './leader-loop';
import { InMemoryLeases } from '../../test/support/leases.fixtures';

describe('LeaderLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('backs off 500 ms after a failed turn, doubling, at most 30 s', () => {
    expect([1, 2, 3, 6, 7, 20].map(backoffMs)).toEqual([500, 1_000, 2_000, 16_000, 30_000, 30_000]);
  });

  it('stands by while another process holds the lease, then leads until the lease is lost', async () => {
    const leases = new InMemoryLeases();
    leases.giveTo('job', 'another-process');
    const seen: string[] = [];
    const loop = new LeaderLoop(
      leases,
      {
        lease: 'job',
        onStandby: () => seen.push('standby'),
        onFailure: () => undefined,
        lead: async (leadership: Leadership) => {
          seen.push('lead');
          while (leadership.active) await leadership.sleep(100);
          seen.push('lost');
        },
      },
      { standbyRetryMs: 1_000 },
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(1_500);
    expect(seen).toEqual(['standby', 'standby']);
    leases.giveTo('job', null);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen.slice(2)).toEqual(['lead']);
    leases.giveTo('job', 'another-process');
    await jest.advanceTimersByTimeAsync(100);
    expect(seen.slice(2)).toEqual(['lead', 'lost', 'standby']);
    await loop.stop();
  });

  it('reports a failed turn, tidies up after it and leads again after the backoff', async () => {
    const seen: string[] = [];
    let turns = 0;
    const loop = new LeaderLoop(
      new InMemoryLeases(),
      {
        lease: 'job',
        onFailure: (error) => {
          seen.push(`failed: ${(error as Error).message}`);
        },
        afterTurn: async () => {
          seen.push('tidied');
        },
        lead: async (leadership) => {
          turns += 1;
          if (turns === 1) throw new Error('boom');
          seen.push('lead');
          while (leadership.active) await leadership.sleep(100);
        },
      },
      { standbyRetryMs: 1_000 },
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(499);
    expect(seen).toEqual(['failed: boom']);
    await jest.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['failed: boom', 'tidied', 'lead']);
    await loop.stop();
    expect(seen).toEqual(['failed: boom', 'tidied', 'lead', 'tidied']);
  });
});
