import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CustomersModule } from '../customers/customers.module';
import { CustomerSubmissionsController } from './customer-submissions.controller';
import { CustomerSubmissionsQuery } from './customer-submissions.query';
import { RunRequestsController } from './run-requests.controller';
import { RunRequestsRepository } from './run-requests.repository';
import { RunRequests } from './run-requests.service';

/**
 * `/api/submissions`. RunRequestsController comes first: its `run-requests` routes must be
 * matched before the other controller's `:jobId`.
 */
@Module({
  imports: [AuthModule, CustomersModule],
  controllers: [RunRequestsController, CustomerSubmissionsController],
  providers: [CustomerSubmissionsQuery, RunRequestsRepository, RunRequests],
})
export class CustomerSubmissionsModule {}
