import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { AppendResult, EventStore, NewEvent } from '../event-store/event-store.port';
import { innermostStore, MeasuredEventStore } from './measured-event-store';
import { ProcessMetrics } from './process-metrics';

/** Answers each append with the next of `answers`; the rest of the port is not used here. */
function scriptedStore(answers: (AppendResult | Error)[]): EventStore {
  const unused = (): never => {
    throw new Error('not used');
  };
  return {
    name: 'postgres',
    appendToStream: async () => {
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    readStream: unused,
    readAll: unused,
    subscribeToAll: unused,
    close: async () => undefined,
  };
}

const result = (appended: boolean): AppendResult => ({ nextVersion: 1, lastPosition: 1n, checkpoint: 'c', appended });
const retry: NewEvent = { type: 'SubmissionRetryScheduled', data: { errorClass: 'transient', attempt: 2 } };
const started: NewEvent = { type: 'SubmissionAttemptStarted', data: {} };

describe('MeasuredEventStore', () => {
  it('times every append by result and counts the events stored, retries by error class, idempotent repeats not at all', async () => {
    const metrics = new ProcessMetrics();
    const inner = scriptedStore([result(true), result(false), new WrongExpectedVersionError('s', 0, 1), new Error('down')]);
    const store = new MeasuredEventStore(inner, metrics);
    await store.appendToStream('s', [started, retry], { expectedVersion: 'any' });
    await store.appendToStream('s', [started, retry], { expectedVersion: 'any' });
    await expect(store.appendToStream('s', [started], { expectedVersion: 0 })).rejects.toThrow(WrongExpectedVersionError);
    await expect(store.appendToStream('s', [started], { expectedVersion: 0 })).rejects.toThrow('down');

    const text = await metrics.text();
    expect(text).toMatch(/^dbolt_event_append_duration_seconds_count\{result="ok"\} 2$/m);
    expect(text).toMatch(/^dbolt_event_append_duration_seconds_count\{result="conflict"\} 1$/m);
    expect(text).toMatch(/^dbolt_event_append_duration_seconds_count\{result="error"\} 1$/m);
    expect(text).toMatch(/^dbolt_events_appended_total\{type="SubmissionAttemptStarted"\} 1$/m);
    expect(text).toMatch(/^dbolt_submission_retries_total\{error_class="transient"\} 1$/m);
    expect(innermostStore(store)).toBe(inner);
    expect(store.name).toBe('postgres');
  });
});
