import type { EventStore } from '../event-store/event-store.port';
import type { JobQueued, JobRequeued } from '../jobs/job.events';
import { typedReaction, type Reaction } from '../processing/reaction';
import { reopenAll } from './reopen-submission';
import { scheduleAll } from './schedule-submission';

const ACTOR = { kind: 'system', id: 'submission-scheduler' } as const;

/**
 * JobQueued → one SubmissionScheduled per directory, each in its own stream; a manual
 * JobRequeued (staff retrying) → its failed or parked submissions reopened.
 */
export function submissionSchedulerReaction(store: EventStore, idempotencyWindowDays: number): Reaction {
  return typedReaction<JobQueued | JobRequeued>({
    name: 'submission-scheduler',
    handles: ['JobQueued', 'JobRequeued'],
    // Only a queued job or a staff retry schedules or reopens submissions.
    ignores: [
      'JobCreated',
      'JobStarted',
      'JobCompleted',
      'JobFailed',
      'JobDeadLettered',
      'JobRedriven',
      'JobReopened',
      'JobCancelled',
      'JobStatusOverridden',
    ],
    react: async (events) => {
      for (const event of events) {
        if (event.type === 'JobQueued') await scheduleAll(store, event, idempotencyWindowDays);
        if (event.type === 'JobRequeued') await reopenAll(store, event, ACTOR);
      }
    },
  });
}
