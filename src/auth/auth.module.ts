import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

/** Re-exports ApiKeysModule: Nest builds a guard in the module of the controller it guards, which needs the verifier there. */
@Module({
  imports: [ApiKeysModule],
  providers: [StaffAuthGuard, StaffOrApiKeyGuard],
  exports: [StaffAuthGuard, StaffOrApiKeyGuard, ApiKeysModule],
})
export class AuthModule {}
