import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { withTransaction } from '../database/transaction';
import { cachingResolver, DestinationGuard, destinationAllowlist } from '../outbound/destination-guard';
import type { FormMapping } from '../workers/submitter.port';
import { refusedDestinations } from './directory-destinations';
import { capped, InvalidDirectoryEntriesError, parseDirectoryEntries, type DirectoryEntry } from './directory-entries.validation';

export interface ImportCounts {
  readonly inserted: number;
  readonly updated: number;
}

const CHUNK = 500;

/**
 * Writes the seed's directory catalog (with curated form mappings). Everything is checked before
 * anything is written, and all rows go in one transaction: a file is imported whole or not at all.
 * `learned_mapping` is never touched: it is the workers' to keep.
 */
@Injectable()
export class DirectoryImport {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws InvalidDirectoryEntriesError, naming every problem (forbidden destinations too), before any write. */
  async importEntries(input: unknown): Promise<ImportCounts> {
    return this.upsert(parseDirectoryEntries(input));
  }

  /** Throws InvalidDirectoryEntriesError naming every URL that resolves to a forbidden address. */
  async checkDestinations(entries: readonly DirectoryEntry[]): Promise<void> {
    const guard = new DestinationGuard(destinationAllowlist(this.config), cachingResolver());
    const problems = await refusedDestinations(entries, guard);
    if (problems.length > 0) throw new InvalidDirectoryEntriesError(capped(problems));
  }

  async upsert(entries: readonly DirectoryEntry[]): Promise<ImportCounts> {
    await this.checkDestinations(entries);
    return withTransaction(this.database.pool, async (client) => {
      let inserted = 0;
      for (let start = 0; start < entries.length; start += CHUNK) {
        inserted += await upsertChunk(client, entries.slice(start, start + CHUNK));
      }
      return { inserted, updated: entries.length - inserted };
    });
  }

  /** Sets (or with null clears) the curated mapping of an existing directory; false if unknown. */
  async setCuratedMapping(directoryId: string, mapping: FormMapping | null): Promise<boolean> {
    const { rowCount } = await this.database.pool.query('UPDATE directories SET form_mapping = $2::jsonb WHERE id = $1', [
      directoryId,
      mapping === null ? null : JSON.stringify(mapping),
    ]);
    return (rowCount ?? 0) > 0;
  }
}

/** One statement per chunk; `xmax = 0` is PostgreSQL's tell for a row this statement inserted. */
async function upsertChunk(client: PoolClient, entries: readonly DirectoryEntry[]): Promise<number> {
  const rows = entries.map((e) => ({
    id: e.id,
    name: e.name,
    url: e.url,
    submission_url: e.submissionUrl,
    domain: e.domain,
    domain_authority: e.domainAuthority,
    category: e.category,
    difficulty: e.difficulty,
    requires_login: e.requiresLogin,
    has_captcha: e.hasCaptcha,
    form_mapping: e.formMapping,
  }));
  const { rows: written } = await client.query<{ inserted: boolean }>(
    `INSERT INTO directories (id, name, url, submission_url, domain, domain_authority, category, difficulty,
                              requires_login, has_captcha, active, form_mapping)
     SELECT id, name, url, submission_url, domain, domain_authority, category, difficulty, requires_login, has_captcha, true,
            NULLIF(form_mapping, 'null'::jsonb)
     FROM jsonb_to_recordset($1::jsonb) AS e(id text, name text, url text, submission_url text, domain text,
          domain_authority int, category text, difficulty text, requires_login boolean, has_captcha boolean, form_mapping jsonb)
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, url = EXCLUDED.url, submission_url = EXCLUDED.submission_url, domain = EXCLUDED.domain,
       domain_authority = EXCLUDED.domain_authority, category = EXCLUDED.category, difficulty = EXCLUDED.difficulty,
       requires_login = EXCLUDED.requires_login, has_captcha = EXCLUDED.has_captcha, active = true,
       form_mapping = EXCLUDED.form_mapping
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  return written.filter((row) => row.inserted).length;
}
