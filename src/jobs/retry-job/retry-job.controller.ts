import { Body, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { JobIdPipe } from '../../http/path-params.pipe';
import { JobEdit, type JobEditRequest } from '../job-edit-request.decorator';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { RetryJobCommand } from './retry-job.command';
import { RetryJobDto } from './retry-job.request.dto';

@StaffController('jobs')
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
    @JobEdit() edit: JobEditRequest,
    @Body() body: RetryJobDto,
  ): Promise<JobView & { retriedDirectoryIds: readonly string[] }> {
    const command = new RetryJobCommand(jobId, body.reason, body.directoryIds, edit.expectedVersion, edit.context);
    const { view, result } = await this.edits.run(command, edit.response);
    return { ...view, retriedDirectoryIds: result.retriedDirectoryIds };
  }
}
