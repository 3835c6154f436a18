import { renderMetrics } from './prometheus-text';

describe('renderMetrics', () => {
  it('writes HELP, TYPE and one line per sample, escaping label values', () => {
    const text = renderMetrics([
      { name: 'dbolt_queue_messages', help: 'Messages by tier and state.', type: 'gauge', samples: [{ labels: { tier: 'P1', state: 'visible' }, value: 3 }] },
      { name: 'dbolt_errors_total', help: 'Errors.', type: 'counter', samples: [{ labels: { what: 'say "hi"\\\n' }, value: 1 }, { value: 2 }] },
    ]);
    expect(text).toBe([
      '# HELP dbolt_queue_messages Messages by tier and state.',
      '# TYPE dbolt_queue_messages gauge',
      'dbolt_queue_messages{tier="P1",state="visible"} 3',
      '# HELP dbolt_errors_total Errors.',
      '# TYPE dbolt_errors_total counter',
      'dbolt_errors_total{what="say \\"hi\\"\\\\\\n"} 1',
      'dbolt_errors_total 2',
      '',
    ].join('\n'));
  });
});
