import { createHash } from 'node:crypto';
import type { BusinessSnapshot } from '../jobs/job.events';

const FIELDS: readonly (keyof BusinessSnapshot)[] = [
  'businessName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'country', 'category', 'description',
];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Case, spacing and punctuation-insensitive, so cosmetic edits do not make a "new" listing. */
export function normalizeField(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}@.]+/gu, ' ').trim();
}

/**
 * SHA-256 of (job, directory, normalised business fields, time window): the same listing to the
 * same directory inside one window is one submission (docs/requirements.md R-IDEMP-1). The window lets a listing be
 * submitted again once it has passed.
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
