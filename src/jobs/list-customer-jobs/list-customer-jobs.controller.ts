import { Get, Inject, Param, Query, Req } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { AllowCustomer } from '../../auth/allow-customer.decorator';
import { visibleTo } from '../../auth/current-principal.decorator';
import type { ApiRequest } from '../../http/api-request';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import { DomainError } from '../../shared/decider';
import { CustomerJobsQuery, type JobSummary } from './customer-jobs.query';
import { ListJobsQueryDto } from './list-customer-jobs.request.dto';

const DEFAULT_LIMIT = 20;

/** A customer's jobs, newest first, at `/api/queue/:customerId`; a customer session sees only its own. */
@StaffController('queue')
export class ListCustomerJobsController {
  constructor(@Inject(CustomerJobsQuery) private readonly customerJobs: CustomerJobsQuery) {}

  @Get(':customerId')
  @AllowCustomer()
  async list(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Query() query: ListJobsQueryDto,
    @Req() request: ApiRequest,
  ): Promise<{ customerId: string; jobs: JobSummary[] }> {
    // Another customer's id reads exactly like an unknown one: nothing says it exists.
    if (!visibleTo(request.principal, customerId)) throw new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
    const jobs = await this.customerJobs.list(customerId, query.limit ?? DEFAULT_LIMIT, request.principal?.kind === 'customer');
    return { customerId, jobs };
  }
}
