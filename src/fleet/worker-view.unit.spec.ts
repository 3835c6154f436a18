import { toWorkerView, type WorkerRecord } from './worker-view';

const ROW: WorkerRecord = {
  worker_id: 'host-a-12-beef',
  host: 'host-a',
  pid: 12,
  roles: ['worker', 'api', 'retired-role'],
  status: 'running',
  in_flight_work: [{ jobId: 'j-1', directoryId: 'd-1', messageId: 'm-1', priority: 'P1', receipt: 'secret-receipt' }],
  concurrency: 2,
  max_concurrency: 4,
  breaker: { state: 'half_open', consecutiveFailures: 10, timesOpened: 1, openedAt: '2026-12-04T10:00:00.000Z', lastError: 'timeout' },
  browser: { launched: true, restarts: 1, openContexts: 1 },
  started_at: new Date('2026-12-04T09:00:00Z'),
  last_heartbeat: new Date('2026-12-04T10:00:05Z'),
  silent_seconds: 3.7,
  stale: false,
  attempts_started: 5,
  succeeded: 3,
  failed: null,
  needs_manual: 1,
  retries_scheduled: 0,
  last_event_at: new Date('2026-12-04T10:00:01Z'),
};

describe('toWorkerView', () => {
  it('shows a heartbeat row with its read-model activity, keeping known roles and leaving receipts out', () => {
    expect(toWorkerView(ROW)).toEqual({
      id: 'host-a-12-beef',
      host: 'host-a',
      pid: 12,
      roles: ['worker', 'api'],
      status: 'running',
      stale: false,
      lastHeartbeat: '2026-12-04T10:00:05.000Z',
      silentSeconds: 3,
      startedAt: '2026-12-04T09:00:00.000Z',
      inFlight: [{ jobId: 'j-1', directoryId: 'd-1', priority: 'P1', messageId: 'm-1' }],
      concurrency: { limit: 2, max: 4 },
      browser: { launched: true, restarts: 1, openContexts: 1 },
      breaker: ROW.breaker,
      activity: {
        attemptsStarted: 5,
        succeeded: 3,
        failed: 0,
        needsManual: 1,
        retriesScheduled: 0,
        lastEventAt: '2026-12-04T10:00:01.000Z',
      },
    });
  });

  it('says unknown (null) for what an older heartbeat did not record, and for a worker that never attempted', () => {
    const view = toWorkerView({
      ...ROW,
      concurrency: null,
      max_concurrency: null,
      breaker: null,
      browser: null,
      attempts_started: null,
      last_event_at: null,
      silent_seconds: -0.2,
    });
    expect(view).toMatchObject({ concurrency: null, breaker: null, browser: null, activity: null, silentSeconds: 0 });
  });
});
