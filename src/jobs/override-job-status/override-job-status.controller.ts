import { Body, Inject, Param, Patch } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { JobIdPipe } from '../../http/path-params.pipe';
import { JobEdit, type JobEditRequest } from '../job-edit-request.decorator';
import { JobEdits } from '../job-edits.service';
import type { JobView } from '../view-job/job-view.query';
import { OverrideJobStatusCommand } from './override-job-status.command';
import { OverrideJobStatusDto } from './override-job-status.request.dto';

@StaffController('jobs')
export class OverrideJobStatusController {
  constructor(@Inject(JobEdits) private readonly edits: JobEdits) {}

  /** Staff override. If-Match is required: two staff editing at once get one 200 and one 409, never a lost update. */
  @Patch(':id')
  async override(
    @Param('id', JobIdPipe) jobId: string,
    @JobEdit() edit: JobEditRequest,
    @Body() body: OverrideJobStatusDto,
  ): Promise<JobView> {
    const command = new OverrideJobStatusCommand(jobId, body.status, body.reason, edit.expectedVersion, edit.context);
    return (await this.edits.run(command, edit.response)).view;
  }
}
