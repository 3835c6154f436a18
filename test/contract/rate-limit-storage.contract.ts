import type { RateLimitStorage } from '../../src/http/rate-limit/rate-limit-storage';

export interface RateLimitStorageFixture {
  /** A fresh storage (its own key space); `elapse` lets its windows' time pass. */
  open(): Promise<RateLimitStorage>;
  elapse(ms: number): Promise<void>;
}

/** What every rate-limit storage must do: fixed windows per key, refused above the limit until the window ends. */
export function rateLimitStorageContract(name: string, fixture: RateLimitStorageFixture, windowMs: number): void {
  describe(`${name}: rate-limit storage contract`, () => {
    let storage: RateLimitStorage;
    beforeEach(async () => {
      storage = await fixture.open();
    });
    afterEach(async () => {
      await storage.close();
    });

    it('counts hits per key and refuses above the limit with the time left in the window', async () => {
      for (let hit = 1; hit <= 3; hit += 1) {
        expect(await storage.increment('ip:a', windowMs, 3, windowMs, 'ip')).toMatchObject({
          totalHits: hit,
          isBlocked: false,
          timeToBlockExpire: 0,
        });
      }
      const refused = await storage.increment('ip:a', windowMs, 3, windowMs, 'ip');
      expect(refused).toMatchObject({ totalHits: 4, isBlocked: true });
      expect(refused.timeToBlockExpire).toBeGreaterThanOrEqual(1);
      expect(refused.timeToBlockExpire).toBeLessThanOrEqual(Math.ceil(windowMs / 1000));
      expect(await storage.increment('ip:b', windowMs, 3, windowMs, 'ip')).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('starts a new window once the old one has passed', async () => {
      for (let hit = 0; hit < 3; hit += 1) await storage.increment('ip:c', windowMs, 2, windowMs, 'ip');
      expect((await storage.increment('ip:c', windowMs, 2, windowMs, 'ip')).isBlocked).toBe(true);
      await fixture.elapse(windowMs + 50);
      expect(await storage.increment('ip:c', windowMs, 2, windowMs, 'ip')).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('counts concurrent hits exactly', async () => {
      const records = await Promise.all(Array.from({ length: 50 }, () => storage.increment('ip:d', windowMs, 40, windowMs, 'ip')));
      expect(records.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(records.filter((r) => r.isBlocked)).toHaveLength(10);
    });
  });
}
