import { Module } from '@nestjs/common';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

@Module({ providers: [StaffAuthGuard, StaffOrApiKeyGuard], exports: [StaffAuthGuard, StaffOrApiKeyGuard] })
export class AuthModule {}
