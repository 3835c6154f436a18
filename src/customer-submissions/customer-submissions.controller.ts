import { Get, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { AllowCustomer } from '../auth/allow-customer.decorator';
import { DirectoryIdPipe } from '../directories/catalog/directory-id.pipe';
import type { ApiRequest } from '../http/api-request';
import { StaffController } from '../http/guarded-controller.decorator';
import { nextAfter } from '../http/keyset-page';
import { JobIdPipe } from '../http/path-params.pipe';
import { CustomerSubmissionsQuery } from './customer-submissions.query';
import { SubmissionsQueryDto } from './customer-submissions.request.dto';
import type { CustomerSubmission } from './customer-submissions.view';
import { requestedCustomer, scopeOf } from './submissions-customer';

const DEFAULT_LIMIT = 10;

export interface SubmissionsPage {
  readonly customerId: string;
  readonly jobs: CustomerSubmission[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

/** A customer's jobs with each directory's result and evidence; staff may read any customer's. */
@StaffController('submissions')
@AllowCustomer()
export class CustomerSubmissionsController {
  constructor(@Inject(CustomerSubmissionsQuery) private readonly submissions: CustomerSubmissionsQuery) {}

  @Get()
  async list(@Query() query: SubmissionsQueryDto, @Req() request: ApiRequest): Promise<SubmissionsPage> {
    const who = requestedCustomer(request, query.customerId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const jobs = await this.submissions.page(who, limit, query.after ?? null);
    return { customerId: who.customerId, jobs, next: nextAfter(jobs, limit, (job) => job.jobId) };
  }

  @Get(':jobId')
  one(@Param('jobId', JobIdPipe) jobId: string, @Req() request: ApiRequest): Promise<CustomerSubmission> {
    return this.submissions.one(jobId, scopeOf(request));
  }

  @Get(':jobId/results/:directoryId/screenshot')
  async screenshot(
    @Param('jobId', JobIdPipe) jobId: string,
    @Param('directoryId', DirectoryIdPipe) directoryId: string,
    @Req() request: ApiRequest,
  ): Promise<StreamableFile> {
    const file = await this.submissions.screenshot(jobId, directoryId, scopeOf(request));
    return new StreamableFile(createReadStream(file.path), {
      type: file.type,
      length: file.size,
      disposition: `inline; filename="${jobId}-${directoryId}.${file.type === 'image/jpeg' ? 'jpg' : 'png'}"`,
    });
  }
}
