import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FleetModule } from '../fleet/fleet.module';
import { ScalingController } from './scaling.controller';
import { ScalingSignal } from './scaling-signal.service';

/** The autoscaling signal: the endpoint, and the service the fleet metrics read for their gauge. */
@Module({ imports: [AuthModule, FleetModule], providers: [ScalingSignal], controllers: [ScalingController], exports: [ScalingSignal] })
export class ScalingModule {}
