import { customersProjection } from './customers/customers.projection';
import { jobResultsProjection } from './job-results/job-results.projection';
import { jobsProjection } from './jobs/jobs.projection';
import type { Projection } from './runtime/projection';
import { queueHistoryProjection } from './queue-history/queue-history.projection';
import { workersProjection } from './workers/workers.projection';

export const ALL_PROJECTIONS: readonly Projection[] = [
  jobsProjection,
  jobResultsProjection,
  queueHistoryProjection,
  workersProjection,
  customersProjection,
];
