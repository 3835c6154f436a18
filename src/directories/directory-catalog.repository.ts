import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';

/** The package needs more active directories than the catalog has: the API answers 409. */
export class CatalogTooSmallError extends Error {
  override readonly name = 'CatalogTooSmallError';

  constructor(
    readonly required: number,
    readonly available: number,
  ) {
    super(
      `The package needs ${required} directories but only ${available} active ${available === 1 ? 'directory exists' : 'directories exist'} in the catalog`,
    );
  }
}

/** Read side of the directory catalog, as job creation needs it. */
@Injectable()
export class DirectoryCatalogRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** The `count` best active directories (highest domain authority first, then id); all or nothing. */
  async pickForPackage(count: number): Promise<string[]> {
    // count(*) OVER () is computed before LIMIT: the number of active directories in one round trip.
    const { rows } = await this.database.pool.query<{ id: string; available: string }>(
      `SELECT id, count(*) OVER () AS available FROM directories WHERE active
       ORDER BY domain_authority DESC NULLS LAST, id LIMIT $1`,
      [count],
    );
    const available = rows.length === 0 ? 0 : Number(rows[0].available);
    if (available < count) throw new CatalogTooSmallError(count, available);
    return rows.map((row) => row.id);
  }
}
