import type { Difficulty, DirectoryEntry } from '../directory-entries.validation';
import type { MappingHealth } from '../mapping-health/mapping-health.repository';

/** curated: a person's mapping; learned: what a worker's field detection saved; none: detected on every visit. */
export type MappingStatus = 'curated' | 'learned' | 'none';

/** Finished submissions to one directory within the window; skipped ones (duplicates) are not attempts and do not count. */
export interface RecentSuccess {
  readonly windowDays: number;
  readonly succeeded: number;
  readonly finished: number;
  /** succeeded / finished, null when nothing finished in the window. */
  readonly rate: number | null;
}

/** One directory of the catalog as the API shows it to customers and staff: the imported entry without its mapping, and how it fares. */
export interface CatalogEntry extends Omit<DirectoryEntry, 'formMapping'> {
  readonly active: boolean;
  readonly mappingStatus: MappingStatus;
  readonly createdAt: string;
  readonly recentSuccess: RecentSuccess;
  /** Staff only: how the mapping fares (its last failure can quote a site's page). */
  readonly mappingHealth?: MappingHealth;
}

export interface CatalogRow {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly submission_url: string;
  readonly domain: string;
  readonly domain_authority: number | null;
  readonly category: string;
  readonly difficulty: Difficulty;
  readonly requires_login: boolean;
  readonly has_captcha: boolean;
  readonly active: boolean;
  readonly curated: boolean;
  readonly learned: boolean;
  readonly created_at: Date;
}

export const CATALOG_COLUMNS = `id, name, url, submission_url, domain, domain_authority, category, difficulty, requires_login,
  has_captcha, active, form_mapping IS NOT NULL AS curated, learned_mapping IS NOT NULL AS learned, created_at`;

export interface SuccessCounts {
  readonly succeeded: number;
  readonly finished: number;
}

export function mappingStatusOf(row: Pick<CatalogRow, 'curated' | 'learned'>): MappingStatus {
  return row.curated ? 'curated' : row.learned ? 'learned' : 'none';
}

export function recentSuccessOf(counts: SuccessCounts | undefined, windowDays: number): RecentSuccess {
  const { succeeded, finished } = counts ?? { succeeded: 0, finished: 0 };
  return { windowDays, succeeded, finished, rate: finished === 0 ? null : Math.round((succeeded / finished) * 10_000) / 10_000 };
}

export function toCatalogEntry(row: CatalogRow, recentSuccess: RecentSuccess): CatalogEntry {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    submissionUrl: row.submission_url,
    domain: row.domain,
    domainAuthority: row.domain_authority,
    category: row.category,
    difficulty: row.difficulty,
    requiresLogin: row.requires_login,
    hasCaptcha: row.has_captcha,
    active: row.active,
    mappingStatus: mappingStatusOf(row),
    createdAt: new Date(row.created_at).toISOString(),
    recentSuccess,
  };
}
