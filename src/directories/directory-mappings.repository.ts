import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { DirectoryTarget, FormMapping } from '../workers/submitter.port';

/** A directory's mappings as staff and tools see them; `effective` is what a worker would use. */
export interface DirectoryMappingView {
  readonly directoryId: string;
  readonly name: string;
  readonly domain: string;
  readonly active: boolean;
  readonly formMapping: FormMapping | null;
  readonly learnedMapping: FormMapping | null;
  readonly learnedAt: string | null;
  readonly effective: FormMapping | null;
  readonly effectiveSource: 'curated' | 'learned' | null;
}

interface DirectoryRow {
  readonly id: string;
  readonly name: string;
  readonly submission_url: string;
  readonly domain: string;
  readonly active: boolean;
  readonly requires_login: boolean;
  readonly has_captcha: boolean;
  readonly form_mapping: FormMapping | null;
  readonly learned_mapping: FormMapping | null;
  readonly learned_at: Date | null;
}

const COLUMNS = 'id, name, submission_url, domain, active, requires_login, has_captcha, form_mapping, learned_mapping, learned_at';

/** Uncached reads of the catalog (the workers' DirectoryTargets caches; a person checking a mapping must not wait). */
@Injectable()
export class DirectoryMappingsRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  async get(directoryId: string): Promise<DirectoryMappingView | null> {
    const row = await this.row(directoryId);
    return row ? toView(row) : null;
  }

  /** A page in id order, after the id `after` (exclusive). */
  async list(limit: number, after: string | null): Promise<DirectoryMappingView[]> {
    const { rows } = await this.database.pool.query<DirectoryRow>(
      `SELECT ${COLUMNS} FROM directories WHERE $2::text IS NULL OR id > $2 ORDER BY id LIMIT $1`,
      [limit, after],
    );
    return rows.map(toView);
  }

  /** The target exactly as a worker builds it: curated mapping first, else the learned one. */
  async target(directoryId: string): Promise<DirectoryTarget | null> {
    const row = await this.row(directoryId);
    if (!row) return null;
    const { id, submission_url: submissionUrl, domain, requires_login: requiresLogin, has_captcha: hasCaptcha } = row;
    return { id, submissionUrl, domain, requiresLogin, hasCaptcha, formMapping: row.form_mapping ?? row.learned_mapping };
  }

  private async row(directoryId: string): Promise<DirectoryRow | null> {
    const { rows } = await this.database.pool.query<DirectoryRow>(`SELECT ${COLUMNS} FROM directories WHERE id = $1`, [directoryId]);
    return rows[0] ?? null;
  }
}

function toView(row: DirectoryRow): DirectoryMappingView {
  const effectiveSource = row.form_mapping ? 'curated' : row.learned_mapping ? 'learned' : null;
  return {
    directoryId: row.id,
    name: row.name,
    domain: row.domain,
    active: row.active,
    formMapping: row.form_mapping,
    learnedMapping: row.learned_mapping,
    learnedAt: row.learned_at?.toISOString() ?? null,
    effective: row.form_mapping ?? row.learned_mapping,
    effectiveSource,
  };
}
