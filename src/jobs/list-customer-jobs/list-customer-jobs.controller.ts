import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import { CustomerJobsQuery, type JobSummary } from './customer-jobs.query';
import { ListJobsQueryDto } from './list-customer-jobs.request.dto';

const DEFAULT_LIMIT = 20;

/** A customer's jobs, newest first, at `/api/queue/:customerId`. */
@Controller('queue')
@UseGuards(StaffAuthGuard)
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
