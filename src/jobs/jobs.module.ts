import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { CustomersModule } from '../customers/customers.module';
import { DirectoryCatalogRepository } from '../directories/directory-catalog.repository';
import { CancelJobController } from './cancel-job/cancel-job.controller';
import { CancelJobHandler } from './cancel-job/cancel-job.handler';
import { CreateJobController } from './create-job/create-job.controller';
import { CreateJobHandler } from './create-job/create-job.handler';
import { JobEdits } from './job-edits.service';
import { CustomerJobsQuery } from './list-customer-jobs/customer-jobs.query';
import { ListCustomerJobsController } from './list-customer-jobs/list-customer-jobs.controller';
import { OverrideJobStatusController } from './override-job-status/override-job-status.controller';
import { OverrideJobStatusHandler } from './override-job-status/override-job-status.handler';
import { RetryJobController } from './retry-job/retry-job.controller';
import { RetryJobHandler } from './retry-job/retry-job.handler';
import { JobStateController } from './view-job/job-state.controller';
import { JobSubmissionsQuery } from './view-job/job-submissions.query';
import { JobViewQuery } from './view-job/job-view.query';
import { SubmissionCountsQuery } from './view-job/submission-counts.query';
import { ViewJobController } from './view-job/view-job.controller';

/** Job commands (CommandBus as a plain dispatcher), job queries and the staff HTTP API: a folder per use case. */
@Module({
  imports: [CqrsModule.forRoot(), AuthModule, CustomersModule],
  controllers: [
    CreateJobController,
    ListCustomerJobsController,
    ViewJobController,
    OverrideJobStatusController,
    CancelJobController,
    RetryJobController,
    JobStateController,
  ],
  providers: [
    CreateJobHandler,
    OverrideJobStatusHandler,
    CancelJobHandler,
    RetryJobHandler,
    JobEdits,
    DirectoryCatalogRepository,
    SubmissionCountsQuery,
    JobViewQuery,
    CustomerJobsQuery,
    JobSubmissionsQuery,
  ],
})
export class JobsModule {}
