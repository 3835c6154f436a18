import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { AccountsAdminController } from './accounts-admin.controller';
import { AuthController } from './auth.controller';
import { LockoutsAdminController } from './lockouts-admin.controller';

@Module({ imports: [AuthModule], controllers: [AuthController, AccountsAdminController, LockoutsAdminController] })
export class AuthHttpModule {}
