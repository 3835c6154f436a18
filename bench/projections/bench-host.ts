import type { Pool } from 'pg';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobResultsProjection } from '../../projections/job-results/job-results.projection';
import { jobsProjection } from '../../projections/jobs/jobs.projection';
import { queueHistoryProjection } from '../../projections/queue-history/queue-history.projection';
import type { Projection } from '../../projections/runtime/projection';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';

/** The three read models measured here (workers is left out: it is not part of the brief). */
export const MEASURED: readonly Projection[] = [jobsProjection, jobResultsProjection, queueHistoryProjection];
export const MEASURED_NAMES: readonly string[] = MEASURED.map((p) => p.name);

export interface BenchHost {
  readonly host: ProjectionHost;
  /** Runner errors seen so far (a healthy run has none). */
  readonly errors: string[];
}

/** A host as the app builds it: default runner options, lag from the store's own probe. */
export function createBenchHost(
  pool: Pool,
  store: PostgresEventStore,
  onProgress?: (projection: string, rebuiltEvents: number) => void,
): BenchHost {
  const errors: string[] = [];
  const options = {
    ...DEFAULT_RUNNER_OPTIONS,
    onError: (projection: string, error: unknown) => {
      errors.push(`${projection}: ${error instanceof Error ? error.message : String(error)}`);
    },
    ...(onProgress ? { onProgress } : {}),
  };
  const host = new ProjectionHost(pool, store, MEASURED, options, (checkpoint) => store.lagAfter(checkpoint));
  return { host, errors };
}
