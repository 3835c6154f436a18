import { TierScheduler } from './tier-scheduler';

describe('TierScheduler (priority with aging)', () => {
  it('prefers P1, then P2, then P3 while no tier is starving', () => {
    const scheduler = new TierScheduler(30_000, 0);
    expect(scheduler.order(1000)).toEqual(['P1', 'P2', 'P3']);
  });

  it('puts a tier unserved for agingMs at the front, then back in line once served', () => {
    const scheduler = new TierScheduler(30_000, 0);
    for (let now = 1000; now < 30_000; now += 1000) scheduler.record(['P1', 'P2', 'P3'], 'P1', now);
    expect(scheduler.order(30_000)).toEqual(['P2', 'P3', 'P1']);
    scheduler.record(['P2', 'P3', 'P1'], 'P2', 30_000);
    expect(scheduler.order(30_001)).toEqual(['P3', 'P1', 'P2']);
    scheduler.record(['P3', 'P1', 'P2'], 'P3', 30_001);
    expect(scheduler.order(30_002)).toEqual(['P1', 'P2', 'P3']);
  });

  it('counts an empty tier ahead in line as served: an idle P1 does not starve', () => {
    const scheduler = new TierScheduler(30_000, 0);
    for (let now = 1000; now <= 60_000; now += 1000) scheduler.record(['P1', 'P2', 'P3'], 'P3', now);
    expect(scheduler.order(60_500)).toEqual(['P1', 'P2', 'P3']);
  });

  it('under a sustained P1 stream serves P3 about once per agingMs, not more', () => {
    const scheduler = new TierScheduler(10_000, 0);
    const served: string[] = [];
    for (let now = 100; now <= 100_000; now += 100) {
      const order = scheduler.order(now);
      // P1 always has work; P2 is empty; P3 has work.
      const from = order.find((tier) => tier !== 'P2') ?? null;
      served.push(from ?? '-');
      scheduler.record(order, from, now);
    }
    const p3 = served.filter((tier) => tier === 'P3').length;
    expect(p3).toBeGreaterThanOrEqual(9);
    expect(p3).toBeLessThanOrEqual(11);
    expect(served.filter((tier) => tier === 'P1').length).toBeGreaterThan(980);
  });

  it('with agingMs 0 degenerates to round robin rather than starving anyone', () => {
    const scheduler = new TierScheduler(0, 0);
    const first = scheduler.order(1);
    scheduler.record(first, first[0], 1);
    expect(scheduler.order(2)[0]).not.toBe(first[0]);
  });
});
