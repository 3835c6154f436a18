import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FleetRepository } from './fleet.repository';
import { WorkersAdminController } from './workers-admin.controller';

/** The fleet view over worker heartbeats; health reads the same counts. */
@Module({ imports: [AuthModule], providers: [FleetRepository], controllers: [WorkersAdminController], exports: [FleetRepository] })
export class FleetModule {}
