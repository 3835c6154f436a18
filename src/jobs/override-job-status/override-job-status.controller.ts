import { Body, Controller, Inject, Param, Patch, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IfMatchVersion } from '../../http/if-match';
import { JobIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../../shared/command-context';
import { withEtag } from '../view-job/job-view-etag';
import { JobViewQuery, type JobView } from '../view-job/job-view.query';
import { OverrideJobStatusCommand } from './override-job-status.command';
import { OverrideJobStatusDto } from './override-job-status.request.dto';

@Controller('jobs')
@UseGuards(StaffAuthGuard)
export class OverrideJobStatusController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(JobViewQuery) private readonly jobView: JobViewQuery,
  ) {}

  /** Staff override. If-Match is required: two staff editing at once get one 200 and one 409, never a lost update. */
  @Patch(':id')
  async override(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: OverrideJobStatusDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView> {
    const command = new OverrideJobStatusCommand(jobId, body.status, body.reason, expectedVersion, context);
    const { version } = await this.commands.execute(command);
    return withEtag(response, await this.jobView.get(jobId, version));
  }
}
