import { BadRequestException, Get, Inject, Param, Query } from '@nestjs/common';
import { parseAsOf } from '../../audit/as-of';
import { jobStateAt, type JobStateAt } from '../../audit/job-state-at';
import { StaffController } from '../../http/guarded-controller.decorator';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { JobIdPipe } from '../../http/path-params.pipe';

/** A job as it stood at a point of its history (audit and replay, docs/requirements.md R-OPS-6). */
@StaffController('jobs')
export class JobStateController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `?position=<global position>` or `?at=<ISO-8601 time>`, exactly one. */
  @Get(':id/state')
  async state(@Param('id', JobIdPipe) jobId: string, @Query('position') position?: string, @Query('at') at?: string): Promise<JobStateAt> {
    const parsed = parseAsOf(position, at);
    if (!parsed.ok) throw new BadRequestException({ error: 'invalid_as_of', message: `Invalid query: ${parsed.problem}` });
    return jobStateAt(this.store, jobId, parsed.asOf);
  }
}
