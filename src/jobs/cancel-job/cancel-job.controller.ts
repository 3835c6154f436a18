import { Body, Controller, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IfMatchVersion } from '../../http/if-match';
import { JobIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../../shared/command-context';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { CancelJobCommand } from './cancel-job.command';
import { CancelJobDto } from './cancel-job.request.dto';

@Controller('jobs')
@UseGuards(StaffAuthGuard)
export class CancelJobController {
  constructor(@Inject(JobEdits) private readonly edits: JobEdits) {}

  /** If-Match required, as for the override. */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: CancelJobDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView> {
    return (await this.edits.run(new CancelJobCommand(jobId, body.reason, expectedVersion, context), response)).view;
  }
}
