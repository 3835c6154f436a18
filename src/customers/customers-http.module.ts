import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CustomerCommands } from './customer-commands.service';
import { CustomerDataExportQuery } from './customer-data-export.query';
import { CustomerEventLog } from './customer-event-log';
import { CustomerReadModel } from './customer-read-model.query';
import { CustomersController } from './http/customers.controller';
import { CustomerSessionGuard } from './http/customer-session.guard';
import { DataOperationsController } from './http/data-operations.controller';
import { CustomerDataKeys } from './personal-data/customer-data-keys.repository';

/** The customer APIs: staff's /api/customers and a customer's own /api/customer/data-operations. */
@Module({
  imports: [AuthModule],
  controllers: [CustomersController, DataOperationsController],
  providers: [CustomerDataKeys, CustomerEventLog, CustomerReadModel, CustomerCommands, CustomerDataExportQuery, CustomerSessionGuard],
  exports: [CustomerCommands],
})
export class CustomersHttpModule {}
