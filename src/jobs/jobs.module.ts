import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { CustomersModule } from '../customers/customers.module';
import { DirectoryCatalogRepository } from '../directories/directory-catalog.repository';
import { CancelJobHandler } from './commands/cancel-job.handler';
import { CreateJobHandler } from './commands/create-job.handler';
import { OverrideJobStatusHandler } from './commands/override-job-status.handler';
import { RetryJobHandler } from './commands/retry-job.handler';
import { JobsController } from './http/jobs.controller';
import { QueueController } from './http/queue.controller';
import { CustomerJobsQuery } from './queries/customer-jobs.query';
import { JobSubmissionsQuery } from './queries/job-submissions.query';
import { JobViewQuery } from './queries/job-view.query';
import { SubmissionCountsQuery } from './queries/submission-counts.query';

/** Job commands (CommandBus as a plain dispatcher), job queries and the staff HTTP API. */
@Module({
  imports: [CqrsModule.forRoot(), AuthModule, CustomersModule],
  controllers: [QueueController, JobsController],
  providers: [
    CreateJobHandler, OverrideJobStatusHandler, CancelJobHandler, RetryJobHandler,
    DirectoryCatalogRepository, SubmissionCountsQuery, JobViewQuery, CustomerJobsQuery, JobSubmissionsQuery,
  ],
})
export class JobsModule {}
