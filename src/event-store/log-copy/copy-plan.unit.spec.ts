import { treatmentOf } from './copy-plan';

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
});
