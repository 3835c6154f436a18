import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { withTransaction } from '../../database/transaction';
import { cachingResolver, DestinationGuard, destinationAllowlist } from '../../outbound/destination-guard';
import { directoryNotFound } from '../directory-not-found';
import type { CreateDirectoryDto, UpdateDirectoryDto } from './catalog.request.dto';

/** What DELETE did: removed a directory no job ever used, or deactivated one that jobs still name. */
export type RemovalOutcome = 'deleted' | 'deactivated';

/** Columns a create or an edit may set, by the DTO's field names. */
const COLUMN_OF = {
  name: 'name',
  url: 'url',
  submissionUrl: 'submission_url',
  domainAuthority: 'domain_authority',
  category: 'category',
  difficulty: 'difficulty',
  requiresLogin: 'requires_login',
  hasCaptcha: 'has_captcha',
  active: 'active',
} as const;
type EditableField = keyof typeof COLUMN_OF;
const EDITABLE = Object.keys(COLUMN_OF) as EditableField[];

/** Admins' writes to the catalog. Form mappings stay with the import and the dynamic-mapping API. */
@Injectable()
export class CatalogAdmin {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(body: CreateDirectoryDto): Promise<void> {
    await this.checkDestinations(body);
    const fields = EDITABLE.filter((field) => body[field] !== undefined);
    const columns = ['id', 'domain', ...fields.map((field) => COLUMN_OF[field])];
    const values = [body.id, hostOf(body.submissionUrl), ...fields.map((field) => body[field])];
    const { rowCount } = await this.database.pool.query(
      `INSERT INTO directories (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO NOTHING`,
      values,
    );
    if (rowCount === 0) {
      throw new ConflictException({
        error: 'already_exists',
        message: `Directory "${body.id}" already exists (an inactive one comes back with PATCH { "active": true })`,
      });
    }
  }

  async update(id: string, body: UpdateDirectoryDto): Promise<void> {
    const fields = EDITABLE.filter((field) => body[field] !== undefined);
    if (fields.length === 0)
      throw new BadRequestException({ error: 'validation_failed', message: 'Nothing to change: send at least one field' });
    await this.checkDestinations(body);
    const sets = fields.map((field, i) => `${COLUMN_OF[field]} = $${i + 2}`);
    const values: unknown[] = [id, ...fields.map((field) => body[field])];
    if (body.submissionUrl !== undefined) {
      sets.push(`domain = $${values.length + 1}`);
      values.push(hostOf(body.submissionUrl));
    }
    const { rowCount } = await this.database.pool.query(`UPDATE directories SET ${sets.join(', ')} WHERE id = $1`, values);
    if (rowCount === 0) throw directoryNotFound(id);
  }

  /**
   * Jobs, their results and test submissions keep naming a directory after it leaves the catalog,
   * and workers look it up by id: one anything refers to is only deactivated (no new job picks it).
   */
  async remove(id: string): Promise<RemovalOutcome> {
    return withTransaction(this.database.pool, async (client) => {
      const { rows } = await client.query<{ referenced: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM job_results WHERE directory_id = $1)
             OR EXISTS (SELECT 1 FROM job_progress_submissions WHERE directory_id = $1)
             OR EXISTS (SELECT 1 FROM test_submissions WHERE directory_id = $1) AS referenced
         FROM directories WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (rows.length === 0) throw directoryNotFound(id);
      if (rows[0].referenced) {
        await client.query('UPDATE directories SET active = false WHERE id = $1', [id]);
        return 'deactivated';
      }
      await client.query('DELETE FROM directories WHERE id = $1', [id]);
      return 'deleted';
    });
  }

  /** The same fence as the import and the workers (DIRECTORY_URL_ALLOWLIST lets chosen hosts through). */
  private async checkDestinations(body: { readonly url?: string; readonly submissionUrl?: string }): Promise<void> {
    const guard = new DestinationGuard(destinationAllowlist(this.config), cachingResolver());
    const problems: string[] = [];
    for (const field of ['url', 'submissionUrl'] as const) {
      const value = body[field];
      if (value === undefined) continue;
      const check = await guard.check(value);
      if (!check.allowed) problems.push(`${field}: refused, ${check.reason}`);
    }
    if (problems.length > 0) {
      throw new BadRequestException({
        error: 'destination_refused',
        message: `Directory URL not allowed: ${problems.join('; ')}`,
        problems,
      });
    }
  }
}

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}
