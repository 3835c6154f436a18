import type { ScalingConfig } from '../config/scaling-config';
import { desiredWorkers, type ScalingInput } from './scaling-policy';

const SETTINGS: ScalingConfig = { minWorkers: 1, maxWorkers: 10, scaleUpAbove: 50, scaleDownBelow: 10 };
const at = (input: Partial<ScalingInput>) => desiredWorkers({ queued: 0, liveWorkers: 1, finishedLast5Min: 0, ...input }, SETTINGS);

describe('desiredWorkers', () => {
  it('asks for the minimum when nothing is queued and nobody runs, and for enough to cover a backlog', () => {
    expect(at({ liveWorkers: 0 })).toMatchObject({ desiredWorkers: 1, reason: 'no_workers', perWorkerPerMinute: null });
    expect(at({ liveWorkers: 0, queued: 120 })).toMatchObject({ desiredWorkers: 3, reason: 'no_workers' });
  });

  it('scales up above 50 queued per live worker: at least one more, as many as keep each at 50', () => {
    expect(at({ liveWorkers: 1, queued: 51 })).toMatchObject({ desiredWorkers: 2, reason: 'backlog' });
    expect(at({ liveWorkers: 2, queued: 300 })).toMatchObject({ desiredWorkers: 6, reason: 'backlog' });
  });

  it('sizes a backlog by throughput too: enough workers to drain it in 15 minutes at the recent rate', () => {
    // 2 workers finished 20 in 5 min: 2 per worker per minute; 600 queued → 600 / (2 × 15) = 20, capped at 10.
    expect(at({ liveWorkers: 2, queued: 600, finishedLast5Min: 20 })).toMatchObject({
      desiredWorkers: 10,
      perWorkerPerMinute: 2,
      drainMinutes: 150,
    });
    // Fast workers: 120 per worker per minute; the depth rule (4) decides.
    expect(at({ liveWorkers: 3, queued: 200, finishedLast5Min: 1800 }).desiredWorkers).toBe(4);
  });

  it('holds the count between 10 and 50 queued per worker (hysteresis), and scales down one at a time below', () => {
    expect(at({ liveWorkers: 4, queued: 200 })).toMatchObject({ desiredWorkers: 4, reason: 'steady' });
    expect(at({ liveWorkers: 4, queued: 40 })).toMatchObject({ desiredWorkers: 4, reason: 'steady' });
    expect(at({ liveWorkers: 4, queued: 39 })).toMatchObject({ desiredWorkers: 3, reason: 'idle' });
    expect(at({ liveWorkers: 1, queued: 0 })).toMatchObject({ desiredWorkers: 1, reason: 'idle' });
  });

  it('stays within the configured bounds', () => {
    expect(at({ liveWorkers: 10, queued: 100_000 }).desiredWorkers).toBe(10);
    const none = desiredWorkers({ queued: 0, liveWorkers: 2, finishedLast5Min: 0 }, { ...SETTINGS, minWorkers: 0 });
    expect(none.desiredWorkers).toBe(1);
  });
});
