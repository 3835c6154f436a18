import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { CLOCK, type Clock } from '../../shared/clock';
import type { Difficulty } from '../directory-entries.validation';
import { NO_HEALTH, readMappingHealth } from '../mapping-health/mapping-health.repository';
import { CATALOG_COLUMNS, recentSuccessOf, toCatalogEntry, type CatalogEntry, type CatalogRow, type SuccessCounts } from './catalog-entry';

export interface CatalogFilter {
  readonly category: string | null;
  readonly difficulty: Difficulty | null;
  readonly requiresLogin: boolean | null;
  readonly hasCaptcha: boolean | null;
  readonly active: boolean | null;
  /** Customers see active directories only, whatever they ask for. */
  readonly activeOnly: boolean;
}

/** Outcomes that end an attempt at a directory; `skipped` (a duplicate) never tried it. */
const FINISHED = ['succeeded', 'failed', 'needs_manual', 'dead_lettered'];
const DAY_MS = 86_400_000;

/**
 * The catalog with its mapping status and recent success rate. The catalog is the service's own
 * reference data, not a customer's, and the rates are counts over every customer's submissions,
 * so this reads as the app's role rather than in a customer's scope.
 */
@Injectable()
export class CatalogQuery {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A page in id order after `after` (exclusive). */
  async list(filter: CatalogFilter, limit: number, after: string | null): Promise<CatalogEntry[]> {
    const { rows } = await this.database.pool.query<CatalogRow>(
      `SELECT ${CATALOG_COLUMNS} FROM directories
       WHERE ($1::text IS NULL OR category = $1) AND ($2::text IS NULL OR difficulty = $2)
         AND ($3::boolean IS NULL OR requires_login = $3) AND ($4::boolean IS NULL OR has_captcha = $4)
         AND ($5::boolean IS NULL OR active = $5) AND (NOT $6::boolean OR active)
         AND ($7::text IS NULL OR id > $7)
       ORDER BY id LIMIT $8`,
      [filter.category, filter.difficulty, filter.requiresLogin, filter.hasCaptcha, filter.active, filter.activeOnly, after, limit],
    );
    return this.withRates(rows, !filter.activeOnly);
  }

  async get(id: string, activeOnly: boolean): Promise<CatalogEntry | null> {
    const { rows } = await this.database.pool.query<CatalogRow>(
      `SELECT ${CATALOG_COLUMNS} FROM directories WHERE id = $1 AND (NOT $2::boolean OR active)`,
      [id, activeOnly],
    );
    return rows.length === 0 ? null : (await this.withRates(rows, !activeOnly))[0];
  }

  /** `withHealth`: staff see how each mapping fares; customers (active directories only) do not. */
  private async withRates(rows: readonly CatalogRow[], withHealth: boolean): Promise<CatalogEntry[]> {
    const windowDays = this.config.customerApi.directorySuccessWindowDays;
    const ids = rows.map((row) => row.id);
    const [counts, health] = await Promise.all([
      this.successCounts(ids, new Date(this.clock.now().getTime() - windowDays * DAY_MS)),
      withHealth ? readMappingHealth(this.database.pool, ids) : null,
    ]);
    return rows.map((row) => {
      const entry = toCatalogEntry(row, recentSuccessOf(counts.get(row.id), windowDays));
      return health ? { ...entry, mappingHealth: health.get(row.id) ?? NO_HEALTH } : entry;
    });
  }

  private async successCounts(ids: readonly string[], since: Date): Promise<Map<string, SuccessCounts>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.database.pool.query<{ directory_id: string; succeeded: number; finished: number }>(
      `SELECT directory_id, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(*)::int AS finished
       FROM job_results WHERE directory_id = ANY ($1) AND status = ANY ($2) AND finished_at >= $3
       GROUP BY directory_id`,
      [ids, FINISHED, since],
    );
    return new Map(rows.map((row) => [row.directory_id, { succeeded: row.succeeded, finished: row.finished }]));
  }
}
