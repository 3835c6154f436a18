import { Module } from '@nestjs/common';
import { StaffAuthGuard } from './staff-auth.guard';

@Module({ providers: [StaffAuthGuard], exports: [StaffAuthGuard] })
export class AuthModule {}
