import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProjectionsAdminController } from './projections-admin.controller';
import { ProjectionOperations } from './projection-operations.service';

/** The staff API on projections (/api/admin/projections); ProjectionHost comes from the global ProjectionsModule. */
@Module({
  imports: [AuthModule],
  controllers: [ProjectionsAdminController],
  providers: [ProjectionOperations],
})
export class ProjectionsAdminModule {}
