import { randomBytes } from 'node:crypto';
import { RedisPoliteness } from '../../src/workers/playwright/redis-politeness';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The machine's Redis: two instances stand for two worker processes sharing one politeness gap. */
describe('RedisPoliteness (real Redis)', () => {
  const prefix = `dbolt-test:${randomBytes(4).toString('hex')}:`;
  let a: RedisPoliteness;
  let b: RedisPoliteness;

  beforeAll(async () => {
    a = await RedisPoliteness.connect(REDIS_URL, 1000, prefix);
    b = await RedisPoliteness.connect(REDIS_URL, 1000, prefix);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('spaces reservations for one domain across processes by the gap, in call order', async () => {
    const delays = [await a.reserve('dir.test'), await b.reserve('dir.test'), await a.reserve('DIR.test'), await b.reserve('dir.test')];
    expect(delays[0]).toBe(0);
    for (let i = 1; i < delays.length; i += 1) {
      // Each waits one more gap than the one before (less the few ms the calls themselves took).
      expect(delays[i] - delays[i - 1]).toBeGreaterThan(950);
      expect(delays[i] - delays[i - 1]).toBeLessThanOrEqual(1000);
    }
  });

  it('keeps domains independent and lets an abort end the wait', async () => {
    expect(await a.reserve('other.test')).toBe(0);
    await a.reserve('busy.test');
    const controller = new AbortController();
    const waiting = b.wait('busy.test', controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
  });

  it('fails to connect with a clear error when Redis is not there', async () => {
    await expect(RedisPoliteness.connect('redis://127.0.0.1:1', 1000)).rejects.toThrow();
  });
});
