import { ConflictException, Delete, Get, HttpCode, Inject, Logger, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ApiRequest } from '../http/api-request';
import { AdminController } from '../http/guarded-controller.decorator';
import { FleetRepository, type FleetCounts } from './fleet.repository';
import { ListWorkersQueryDto } from './list-workers.request.dto';
import { toWorkerView, type WorkerView } from './worker-view';

export interface FleetView {
  /** Silent longer than this (WORKER_STALE_AFTER_MS), a worker is stale. */
  readonly staleAfterSeconds: number;
  /** Over every row of worker_heartbeats, listed or not. */
  readonly counts: FleetCounts;
  readonly workers: readonly WorkerView[];
  /** More processes matched than MAX_LISTED; the ones heard from longest ago were left out. */
  readonly truncated: boolean;
}

/** A fleet is a handful of processes: one unpaged list, with a ceiling so a runaway table cannot flood it. */
export const MAX_LISTED = 500;

/** The fleet view (docs/requirements.md R-API-11, R-FLEET-1…5): admins only. */
@AdminController('admin/workers')
export class WorkersAdminController {
  private static readonly logger = new Logger('Fleet');

  constructor(
    @Inject(FleetRepository) private readonly fleet: FleetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query() query: ListWorkersQueryDto): Promise<FleetView> {
    const { staleAfterMs } = this.config.worker;
    const rows = await this.fleet.list({ staleAfterMs, includeStopped: query.includeStopped === 'true', limit: MAX_LISTED + 1 });
    return {
      staleAfterSeconds: staleAfterMs / 1000,
      counts: await this.fleet.counts(staleAfterMs),
      workers: rows.slice(0, MAX_LISTED).map(toWorkerView),
      truncated: rows.length > MAX_LISTED,
    };
  }

  /**
   * Forgets a worker that stopped or went silent past WORKER_STALE_AFTER_MS (a crashed or
   * decommissioned process): it leaves the fleet view, the health counts and the worker_silent
   * alert, which then resolves. A live worker is refused with 409: stop it first.
   */
  @Delete(':workerId')
  @HttpCode(204)
  async forget(@Param('workerId') workerId: string, @Req() request: ApiRequest): Promise<void> {
    const { staleAfterMs } = this.config.worker;
    const result = await this.fleet.forget(workerId, staleAfterMs);
    const named = JSON.stringify(workerId.slice(0, 200));
    if (result.outcome === 'unknown') throw new NotFoundException({ error: 'not_found', message: `No worker ${named}` });
    if (result.outcome === 'live') {
      throw new ConflictException({
        error: 'worker_live',
        message: `Worker ${named} is live (last heartbeat ${result.silentSeconds.toFixed(1)} s ago, stale after ${staleAfterMs / 1000} s): stop it before forgetting it`,
      });
    }
    WorkersAdminController.logger.log(`worker ${named} forgotten by ${request.actor?.kind ?? 'unknown'} ${request.actor?.id ?? ''}`.trim());
  }
}
