import { createHash } from 'node:crypto';
import type { BusinessSnapshot } from '../jobs/job.events';

const FIELDS: readonly (keyof BusinessSnapshot)[] = [
  'businessName',
  'email',
  'phone',
  'website',
  'address',
  'city',
  'state',
  'zip',
  'country',
  'category',
  'description',
];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Case, spacing and punctuation-insensitive, so cosmetic edits do not make a "new" listing. */
export function normalizeField(value: string | undefined): string {
  return (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .trim();
}

/**
 * SHA-256 of (job, directory, normalised business fields, time window): the identity of one job's
 * submission, on its SubmissionScheduled and unique in `job_results.idempotency_key`; it makes
 * redeliveries and retries inside the job one submission (R-IDEMP-1). It keeps its format, so
 * submissions scheduled before `listingKey` existed run unchanged; across jobs `listingKey` decides.
 */
export function submissionIdempotencyKey(
  jobId: string,
  directoryId: string,
  business: BusinessSnapshot,
  at: Date,
  windowDays: number,
): string {
  const window = Math.floor(at.getTime() / (windowDays * DAY_MS));
  const parts = [jobId, directoryId, ...FIELDS.map((field) => normalizeField(business[field])), String(window)];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/**
 * SHA-256 of (customer, directory, normalised business fields): the key of the record that
 * suppresses a second submission of one listing to one directory across jobs (R-DEDUPE-1). No job
 * id, so another job finds it; no time bucket, because the window slides from the accepted time
 * (a bucket would let two submissions a day apart straddle a boundary). The customer is in it so
 * that a skip never points one customer at another's job and evidence.
 */
export function listingKey(customerId: string, directoryId: string, business: BusinessSnapshot): string {
  const parts = ['listing', customerId, directoryId, ...FIELDS.map((field) => normalizeField(business[field]))];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}
