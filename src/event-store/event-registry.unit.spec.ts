import type { Pool } from 'pg';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { dispatcherReaction } from '../submission-flow/dispatcher.reaction';
import type { MessageQueue } from '../queue/queue.port';
import { jobProgressReaction } from '../submission-flow/job-progress.reaction';
import { submissionSchedulerReaction } from '../submission-flow/submission-scheduler.reaction';
import { assertEveryTypeAccountedFor, EVENT_CATEGORIES, unaccountedTypes } from './event-registry';
import type { EventStore } from './event-store.port';

const categories = { order: ['OrderPlaced', 'OrderShipped', 'OrderCancelled'], invoice: ['InvoiceSent', 'InvoicePaid'] };

/** A dependency the factories only keep: touching it fails the test. */
function untouched<T extends object>(): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`not expected to use ${String(key)}`);
    },
  });
}

describe('event registry check', () => {
  it('fails a consumer that handles part of a category and says nothing of the rest, naming what is missing', () => {
    const consumer = { name: 'shipping', handles: ['OrderPlaced'] };
    expect(unaccountedTypes(consumer, categories)).toEqual(['OrderShipped', 'OrderCancelled']);
    expect(() => assertEveryTypeAccountedFor(consumer, categories)).toThrow(
      'shipping neither handles nor ignores OrderShipped, OrderCancelled',
    );
  });

  it('passes a consumer that ignores the types it does not handle', () => {
    const consumer = { name: 'shipping', handles: ['OrderPlaced', 'OrderShipped'], ignores: ['OrderCancelled'] };
    expect(() => assertEveryTypeAccountedFor(consumer, categories)).not.toThrow();
  });

  it('asks nothing about categories a consumer does not read', () => {
    expect(unaccountedTypes({ name: 'billing', handles: ['InvoiceSent', 'InvoicePaid'] }, categories)).toEqual([]);
  });

  it('passes every projection and reaction of the system', () => {
    const reactions = [
      jobProgressReaction(untouched<Pool>(), untouched<EventStore>()),
      submissionSchedulerReaction(untouched<EventStore>(), 30),
      dispatcherReaction(untouched<EventStore>(), untouched<MessageQueue>()),
    ];
    for (const consumer of [...ALL_PROJECTIONS, ...reactions]) expect(unaccountedTypes(consumer, EVENT_CATEGORIES)).toEqual([]);
  });
});
