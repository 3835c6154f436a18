import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

const fail = async (): Promise<never> => {
  throw new Error('connection refused');
};
const ok = async (): Promise<string> => 'ok';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = (): CircuitBreaker => new CircuitBreaker('queue', 10, 5000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('stays closed below the threshold and resets the count on success', async () => {
    const b = breaker();
    for (let i = 0; i < 9; i += 1) await expect(b.run(fail)).rejects.toThrow('connection refused');
    await expect(b.run(ok)).resolves.toBe('ok');
    for (let i = 0; i < 9; i += 1) await expect(b.run(fail)).rejects.toThrow('connection refused');
    expect(b.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 9, timesOpened: 0 });
  });

  it('opens after 10 consecutive failures and then refuses calls without making them', async () => {
    const b = breaker();
    for (let i = 0; i < 10; i += 1) await expect(b.run(fail)).rejects.toThrow('connection refused');
    expect(b.snapshot()).toMatchObject({ state: 'open', timesOpened: 1, lastError: 'connection refused' });
    const call = jest.fn(ok);
    await expect(b.run(call)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(call).not.toHaveBeenCalled();
    expect(b.waitMs()).toBe(5000);
  });

  it('half-opens after the cool-down: one trial; success closes, failure re-opens', async () => {
    const b = breaker();
    for (let i = 0; i < 10; i += 1) await b.run(fail).catch(() => undefined);
    now = 5000;
    await expect(b.run(fail)).rejects.toThrow('connection refused');
    // A failed trial re-opens: a second transition into open.
    expect(b.snapshot()).toMatchObject({ state: 'open', timesOpened: 2 });
    now = 9999;
    await expect(b.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    now = 10_000;
    await expect(b.run(ok)).resolves.toBe('ok');
    expect(b.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedAt: null });
  });

  it('lets only one trial through while half-open', async () => {
    const b = breaker();
    for (let i = 0; i < 10; i += 1) await b.run(fail).catch(() => undefined);
    now = 6000;
    let release: () => void = () => undefined;
    const slow = b.run(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('late');
        }),
    );
    await expect(b.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(slow).resolves.toBe('late');
    expect(b.snapshot().state).toBe('closed');
  });
});
