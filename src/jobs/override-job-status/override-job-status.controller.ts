import { Body, Controller, Inject, Param, Patch, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IfMatchVersion } from '../../http/if-match';
import { JobIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../../shared/command-context';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { OverrideJobStatusCommand } from './override-job-status.command';
import { OverrideJobStatusDto } from './override-job-status.request.dto';

@Controller('jobs')
@UseGuards(StaffAuthGuard)
export class OverrideJobStatusController {
  constructor(@Inject(JobEdits) private readonly edits: JobEdits) {}

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
    return (await this.edits.run(command, response)).view;
  }
}
