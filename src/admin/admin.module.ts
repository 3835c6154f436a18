import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminController } from './admin.controller';
import { ProjectionOperations } from './projection-operations.service';

/** The staff admin API; ProjectionHost comes from the global ProjectionsModule. */
@Module({
  imports: [AuthModule],
  controllers: [AdminController],
  providers: [ProjectionOperations],
})
export class AdminModule {}
