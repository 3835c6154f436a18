import { Get, Inject, Param, Query } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import { CustomerJobsQuery, type JobSummary } from './customer-jobs.query';
import { ListJobsQueryDto } from './list-customer-jobs.request.dto';

const DEFAULT_LIMIT = 20;

/** A customer's jobs, newest first, at `/api/queue/:customerId`. */
@StaffController('queue')
export class ListCustomerJobsController {
  constructor(@Inject(CustomerJobsQuery) private readonly customerJobs: CustomerJobsQuery) {}

  @Get(':customerId')
  async list(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Query() query: ListJobsQueryDto,
  ): Promise<{ customerId: string; jobs: JobSummary[] }> {
    const jobs = await this.customerJobs.list(customerId, query.limit ?? DEFAULT_LIMIT);
    return { customerId, jobs };
  }
}
