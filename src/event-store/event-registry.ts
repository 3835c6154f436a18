import { JOB_EVENT_TYPES, type JobEvent } from '../jobs/job.events';
import { STORED_CUSTOMER_EVENT_TYPES, type StoredCustomerEvent } from '../customers/personal-data/customer-event-codec';
import { SUBMISSION_EVENT_TYPES, type SubmissionEvent } from '../submissions/submission.events';

/** Every event this system writes, by the category of stream it is written to. */
export type KnownEvent = JobEvent | SubmissionEvent | StoredCustomerEvent;
export type KnownEventType = KnownEvent['type'];

export type EventCategories = Readonly<Record<string, readonly string[]>>;

export const EVENT_CATEGORIES: EventCategories = {
  job: JOB_EVENT_TYPES,
  submission: SUBMISSION_EVENT_TYPES,
  customer: STORED_CUSTOMER_EVENT_TYPES,
};

/** A projection or reaction, as far as the registry check sees it. */
export interface EventConsumer {
  readonly name: string;
  readonly handles: readonly string[];
  /** Types of the categories it reads that it leaves alone on purpose. */
  readonly ignores?: readonly string[];
}

/**
 * Types of the categories `consumer` reads (it handles at least one of their types) that it
 * neither handles nor ignores: a new event type nobody decided about. Empty when all is said.
 */
export function unaccountedTypes(consumer: EventConsumer, categories: EventCategories = EVENT_CATEGORIES): string[] {
  const said = new Set([...consumer.handles, ...(consumer.ignores ?? [])]);
  return Object.values(categories)
    .filter((types) => types.some((type) => consumer.handles.includes(type)))
    .flatMap((types) => types.filter((type) => !said.has(type)));
}

/** Fails boot when a consumer has not said what it does with every type of a category it reads. */
export function assertEveryTypeAccountedFor(consumer: EventConsumer, categories: EventCategories = EVENT_CATEGORIES): void {
  const missing = unaccountedTypes(consumer, categories);
  if (missing.length > 0) {
    throw new Error(`${consumer.name} neither handles nor ignores ${missing.join(', ')}: add each to its handles or its ignores`);
  }
}
