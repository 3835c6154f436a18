import { InMemoryLeases } from '../../test/support/leases.fixtures';
import { periodic } from './periodic';

describe('periodic', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first pass after the first delay, then every interval timed from the end of the last', async () => {
    const runs: number[] = [];
    const duty = periodic(
      new InMemoryLeases(),
      { name: 'duty', everyMs: 10_000, firstDelayMs: 2_000, onError: () => undefined },
      async () => {
        runs.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      },
    );
    const start = Date.now();
    duty.start();
    await jest.advanceTimersByTimeAsync(1_999);
    expect(runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    await jest.advanceTimersByTimeAsync(11_000);
    await jest.advanceTimersByTimeAsync(11_000);
    expect(runs.map((t) => t - start)).toEqual([2_000, 13_000, 24_000]);
    const stopped = duty.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    await stopped;
  });

  it('reports a failing pass and keeps the schedule', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const duty = periodic(
      new InMemoryLeases(),
      { name: 'duty', everyMs: 1_000, firstDelayMs: 1_000, onError: (error) => errors.push(error) },
      async () => {
        calls += 1;
        throw new Error(`pass ${calls} failed`);
      },
    );
    duty.start();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1 failed', 'pass 2 failed', 'pass 3 failed']);
    await duty.stop();
  });

  it('stop() cancels the next pass and waits for the one running', async () => {
    let finished = false;
    let calls = 0;
    const duty = periodic(
      new InMemoryLeases(),
      { name: 'duty', everyMs: 1_000, firstDelayMs: 1_000, onError: () => undefined },
      async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
      },
    );
    duty.start();
    await jest.advanceTimersByTimeAsync(1_000);
    const stopped = duty.stop();
    await jest.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
  });

  it('unrefs its timer, so it never keeps a process alive', () => {
    jest.useRealTimers();
    const unref = jest.spyOn(global, 'setTimeout');
    const duty = periodic(
      new InMemoryLeases(),
      { name: 'duty', everyMs: 60_000, firstDelayMs: 60_000, onError: () => undefined },
      async () => undefined,
    );
    duty.start();
    const timer = unref.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    unref.mockRestore();
    return duty.stop();
  });

  it('runs only in the process holding its lease, and takes over once the holder is gone', async () => {
    const leases = new InMemoryLeases();
    leases.giveTo('duty', 'another-process');
    let calls = 0;
    const duty = periodic(leases, { name: 'duty', everyMs: 1_000, onError: () => undefined }, async () => {
      calls += 1;
    });
    duty.start();
    await jest.advanceTimersByTimeAsync(3_500);
    expect(calls).toBe(0);
    leases.giveTo('duty', null);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(1);
    await duty.stop();
    expect(leases.isHeld('duty')).toBe(false); // released on stop
  });
});
