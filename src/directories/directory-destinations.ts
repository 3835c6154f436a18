import type { DestinationGuard } from '../outbound/destination-guard';
import type { DirectoryEntry } from './directory-entries.validation';

/** Lookups at once: enough to hide DNS latency, few enough for libuv's small thread pool. */
const PARALLEL = 8;
const URL_FIELDS = ['url', 'submissionUrl'] as const;

/**
 * Every directory URL of an import that may not be fetched (docs/requirements.md R-API-17), as
 * problems in the import's own wording. The worker checks again before and during navigation:
 * a name may resolve elsewhere by then.
 */
export async function refusedDestinations(entries: readonly DirectoryEntry[], guard: DestinationGuard): Promise<string[]> {
  const checks = entries.flatMap((entry, index) => URL_FIELDS.map((field) => ({ entry, index, field })));
  const problems: string[] = [];
  for (let start = 0; start < checks.length; start += PARALLEL) {
    const batch = checks.slice(start, start + PARALLEL);
    const results = await Promise.all(batch.map(({ entry, field }) => guard.check(entry[field])));
    results.forEach((result, i) => {
      const { entry, index, field } = batch[i];
      if (!result.allowed) problems.push(`directories[${index}] ("${entry.id}").${field}: refused, ${result.reason}`);
    });
  }
  return problems;
}
