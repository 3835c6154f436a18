import type { Pool } from 'pg';
import type { DirectoryTarget, FormMapping, SubmissionOutcome } from '../workers/submitter.port';
import { recordMappingHealth } from './mapping-health/mapping-health.repository';
import { observeMapping } from './mapping-health/mapping-observation';

interface DirectoryRow {
  readonly id: string;
  readonly submission_url: string;
  readonly domain: string;
  readonly requires_login: boolean;
  readonly has_captcha: boolean;
  readonly form_mapping: FormMapping | null;
  readonly learned_mapping: FormMapping | null;
}

const TTL_MS = 30_000;

/** What a worker needs to know about a directory; cached briefly (the catalog changes rarely). */
export class DirectoryTargets {
  private readonly cache = new Map<string, { readonly target: DirectoryTarget | null; readonly until: number }>();

  constructor(private readonly pool: Pool) {}

  async get(directoryId: string): Promise<DirectoryTarget | null> {
    const cached = this.cache.get(directoryId);
    if (cached && cached.until > Date.now()) return cached.target;
    const { rows } = await this.pool.query<DirectoryRow>(
      `SELECT id, submission_url, domain, requires_login, has_captcha, form_mapping, learned_mapping
       FROM directories WHERE id = $1`,
      [directoryId],
    );
    const target = rows[0] ? toTarget(rows[0]) : null;
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(directoryId, { target, until: Date.now() + TTL_MS });
    return target;
  }

  /** Only when there is no curated mapping: a curated one is a person's decision, not a guess to overwrite. */
  async saveLearned(directoryId: string, mapping: FormMapping): Promise<void> {
    await this.pool.query(
      `UPDATE directories SET learned_mapping = $2::jsonb, learned_at = now()
       WHERE id = $1 AND form_mapping IS NULL AND learned_mapping IS DISTINCT FROM $2::jsonb`,
      [directoryId, JSON.stringify(mapping)],
    );
    this.cache.delete(directoryId);
  }

  /** How the directory's mapping fared in this submission (directory_mapping_health). */
  async noteMappingHealth(target: DirectoryTarget, outcome: SubmissionOutcome): Promise<void> {
    const seen = observeMapping(target, outcome);
    if (seen) await recordMappingHealth(this.pool, target.id, seen);
  }
}

function toTarget(row: DirectoryRow): DirectoryTarget {
  return {
    id: row.id,
    submissionUrl: row.submission_url,
    domain: row.domain,
    requiresLogin: row.requires_login,
    hasCaptcha: row.has_captcha,
    formMapping: row.form_mapping ?? row.learned_mapping,
    mappingSource: row.form_mapping ? 'curated' : row.learned_mapping ? 'learned' : null,
  };
}
