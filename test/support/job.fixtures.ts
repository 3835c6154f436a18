/** Event histories for the job decider's tests: one per status. */
import type { BusinessSnapshot, JobEvent, JobStatus, OutcomeCounts } from '../../src/jobs/job.events';

export const jobId = '123';
export const directoryIds: readonly string[] = ['d1', 'd2', 'd3'];
export const counts: OutcomeCounts = { succeeded: 2, failed: 1, needsManual: 0, skipped: 0 };

export const business: BusinessSnapshot = {
  businessName: 'Acme Plumbing',
  email: 'owner@acme.test',
  phone: '+1 555 0100',
  website: 'https://acme.test',
  address: '1 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
  category: 'Plumbing',
  description: 'Pipes, fixed.',
};

export const jobCreated: JobEvent = {
  type: 'JobCreated',
  data: { jobId, customerId: 'c1', packageTier: 'growth', priority: 'P2', directoryIds, business },
};
export const jobQueued: JobEvent = { type: 'JobQueued', data: { jobId, priority: 'P2', directoryIds } };
export const jobStarted: JobEvent = { type: 'JobStarted', data: { jobId, workerId: 'w1' } };
export const jobCompleted: JobEvent = { type: 'JobCompleted', data: { jobId, counts } };
export const jobFailed: JobEvent = { type: 'JobFailed', data: { jobId, reason: 'all failed', counts } };
export const jobCancelled: JobEvent = { type: 'JobCancelled', data: { jobId, reason: 'customer refund' } };

export const deadLettered = (directoryId: string): JobEvent => ({
  type: 'JobDeadLettered',
  data: { jobId, directoryId, reason: 'maxReceiveCount exceeded' },
});
export const redriven = (...ids: string[]): JobEvent => ({ type: 'JobRedriven', data: { jobId, directoryIds: ids } });

export const historyOf: Readonly<Record<JobStatus, readonly JobEvent[]>> = {
  pending: [jobCreated],
  queued: [jobCreated, jobQueued],
  in_progress: [jobCreated, jobQueued, jobStarted],
  complete: [jobCreated, jobQueued, jobStarted, jobCompleted],
  failed: [jobCreated, jobQueued, jobStarted, jobFailed],
  cancelled: [jobCreated, jobQueued, jobCancelled],
};
