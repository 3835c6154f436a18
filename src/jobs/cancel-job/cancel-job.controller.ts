import { Body, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { JobIdPipe } from '../../http/path-params.pipe';
import { JobEdit, type JobEditRequest } from '../job-edit-request.decorator';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { CancelJobCommand } from './cancel-job.command';
import { CancelJobDto } from './cancel-job.request.dto';

@StaffController('jobs')
export class CancelJobController {
  constructor(@Inject(JobEdits) private readonly edits: JobEdits) {}

  /** If-Match required, as for the override. */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id', JobIdPipe) jobId: string, @JobEdit() edit: JobEditRequest, @Body() body: CancelJobDto): Promise<JobView> {
    return (await this.edits.run(new CancelJobCommand(jobId, body.reason, edit.expectedVersion, edit.context), edit.response)).view;
  }
}
