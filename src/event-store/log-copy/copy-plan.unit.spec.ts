import { rowTables, treatmentOf, type CopyPlan, type TableTreatment } from './copy-plan';

describe('copy plan', () => {
  it('re-sequences events, copies non-derived state, rebuilds projection generations and knows nothing else', () => {
    expect(treatmentOf('events')).toBe('events');
    expect(treatmentOf('directories')).toBe('rows');
    expect(treatmentOf('queue_messages')).toBe('queue');
    expect(treatmentOf('queue_history_archive')).toBe('archive');
    expect(treatmentOf('subscription_checkpoints')).toBe('checkpoints');
    expect(treatmentOf('job_results__g12')).toBe('rebuilt');
    expect(treatmentOf('worker_heartbeats')).toBe('skipped');
    expect(treatmentOf('jobs__verify_0a1b2c3d')).toBe('skipped');
    expect(treatmentOf('something_new')).toBeNull();
  });

  it('copies a table after the ones its foreign keys name, whatever the names sort as', () => {
    const names = ['job_progress_pending_reopens', 'events', 'job_progress_submissions', 'job_progress_jobs', 'jobs__g1'];
    const plan: CopyPlan = { tables: new Map(names.map((n) => [n, treatmentOf(n) as TableTreatment])) };
    expect(rowTables(plan).map((t) => t.table)).toEqual(['job_progress_jobs', 'job_progress_submissions', 'job_progress_pending_reopens']);
  });
});
