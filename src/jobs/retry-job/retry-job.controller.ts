import { Body, Controller, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IfMatchVersion } from '../../http/if-match';
import { JobIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../../shared/command-context';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { RetryJobCommand } from './retry-job.command';
import { RetryJobDto } from './retry-job.request.dto';

@Controller('jobs')
@UseGuards(StaffAuthGuard)
export class RetryJobController {
  constructor(@Inject(JobEdits) private readonly edits: JobEdits) {}

  /**
   * Retry the failed and needs-manual submissions (all, or `directoryIds`), even of a finished
   * job: it goes back to queued and finishes again when they do. If-Match required, as for cancel.
   */
  @Post(':id/retry')
  @HttpCode(200)
  async retry(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: RetryJobDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView & { retriedDirectoryIds: readonly string[] }> {
    const command = new RetryJobCommand(jobId, body.reason, body.directoryIds, expectedVersion, context);
    const { view, result } = await this.edits.run(command, response);
    return { ...view, retriedDirectoryIds: result.retriedDirectoryIds };
  }
}
