import { archiveFilePath } from './ndjson-archive-file';
import { RetentionScheduler } from './retention.scheduler';

describe('RetentionScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first pass after the first delay, then every interval timed from the end of the last', async () => {
    const runs: number[] = [];
    const scheduler = new RetentionScheduler(async () => {
      runs.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }, () => undefined);
    const start = Date.now();
    scheduler.start(10_000, 2_000);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    await jest.advanceTimersByTimeAsync(11_000);
    await jest.advanceTimersByTimeAsync(11_000);
    expect(runs.map((t) => t - start)).toEqual([2_000, 13_000, 24_000]);
    const stopped = scheduler.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    await stopped;
  });

  it('reports a failing pass and keeps the schedule', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new RetentionScheduler(async () => {
      calls += 1;
      throw new Error(`pass ${calls} failed`);
    }, (error) => errors.push(error));
    scheduler.start(1_000);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1 failed', 'pass 2 failed', 'pass 3 failed']);
    await scheduler.stop();
  });

  it('stop() cancels the next pass and waits for the one running', async () => {
    let finished = false;
    let calls = 0;
    const scheduler = new RetentionScheduler(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    }, () => undefined);
    scheduler.start(1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    const stopped = scheduler.stop();
    await jest.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
  });

  it('unrefs its timer, so it never keeps a process alive', () => {
    jest.useRealTimers();
    const unref = jest.spyOn(global, 'setTimeout');
    const scheduler = new RetentionScheduler(async () => undefined, () => undefined);
    scheduler.start(60_000);
    const timer = unref.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    unref.mockRestore();
    return scheduler.stop();
  });
});

describe('archiveFilePath', () => {
  it('is $DATA_DIR/archive/queue_history-<UTC date>.ndjson', () => {
    expect(archiveFilePath('/data', new Date('2025-03-04T23:59:59Z'))).toBe('/data/archive/queue_history-2025-03-04.ndjson');
  });
});
