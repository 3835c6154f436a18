import { Inject, Injectable } from '@nestjs/common';
import type { Projection } from '../../projections/runtime/projection';
import { ProjectionHost, type ProjectionStatus } from '../../projections/runtime/projection-host';
import { verifyProjection, type VerifyReport } from '../../projections/runtime/projection-verify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { DomainError } from '../shared/decider';
import { rebuildAndWait, type RebuildOutcome, type RebuildWaitHooks } from './rebuild-and-wait';
import { awaitedRebuildOptions } from './runner-options';

/** What staff can do to projections, shared by the admin API and the CLI. */
@Injectable()
export class ProjectionOperations {
  constructor(
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(Database) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  status(): Promise<ProjectionStatus[]> {
    return this.host.status();
  }

  /** NOT_FOUND names the known ones. */
  find(name: string): Projection {
    const projection = this.host.find(name);
    if (projection) return projection;
    const known = this.host.projections.map((p) => p.name).join(', ');
    throw new DomainError('NOT_FOUND', `Unknown projection ${JSON.stringify(name)}; known projections: ${known}`);
  }

  /** One projection by name, or every one for "all". */
  select(nameOrAll: string): Projection[] {
    return nameOrAll === 'all' ? [...this.host.projections] : [this.find(nameOrAll)];
  }

  /** Marks it for rebuild; whichever process runs the projection (the projector) does it. */
  async requestRebuild(projection: Projection): Promise<void> {
    if (!(await this.host.rebuild(projection.name))) throw new DomainError('NOT_FOUND', `Projection ${projection.name} is not installed`);
  }

  /** Rebuilds in this process (or waits for the process holding the projection's lease). */
  rebuildHere(projection: Projection, hooks: RebuildWaitHooks): Promise<RebuildOutcome> {
    return rebuildAndWait(this.database.pool, this.store, projection, awaitedRebuildOptions(this.config), hooks);
  }

  verify(projection: Projection, onProgress?: (eventsReplayed: number) => void): Promise<VerifyReport> {
    return verifyProjection(this.database.pool, this.store, projection, { onProgress });
  }

  /** Events a full replay of `projection` goes through (a progress bar's total); null when unknown. */
  async logSize(projection: Projection): Promise<number | null> {
    if (this.store.name !== 'postgres') return null;
    const { rows } = await this.database.pool
      .query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE event_type = ANY ($1::text[])', [projection.handles])
      .catch(() => ({ rows: [] })); // a bar without a total beats failing the command
    return rows[0]?.n ?? null;
  }
}
