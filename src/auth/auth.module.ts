import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, systemClock } from '../shared/clock';
import { AccountRepository } from './accounts/account.repository';
import { AccountsService } from './accounts/accounts.service';
import { AdminGuard } from './admin.guard';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { SignInLockouts } from './lockout/sign-in-lockouts.repository';
import { SessionAuthGuard } from './session-auth.guard';
import { SessionAuthenticator } from './session-authenticator';
import { SessionCache } from './sessions/session-cache';
import { SessionRepository } from './sessions/session.repository';
import { SignInService } from './sessions/sign-in.service';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const GUARDS = [StaffAuthGuard, StaffOrApiKeyGuard, AdminGuard, SessionAuthGuard];
const SERVICES = [AccountRepository, AccountsService, SessionRepository, SignInLockouts, SignInService, SessionAuthenticator];

/**
 * Accounts, sessions, lockouts and the guards built on them; no routes (see AuthHttpModule).
 * Re-exports ApiKeysModule: Nest builds a guard in the module of the controller it guards, which
 * needs the key verifier there.
 */
@Module({
  imports: [CustomersModule, ApiKeysModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: SessionCache, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SessionCache(config.auth.sessionCacheMs) },
    ...SERVICES,
    ...GUARDS,
  ],
  exports: [CLOCK, ...SERVICES, ...GUARDS, ApiKeysModule],
})
export class AuthModule {}
