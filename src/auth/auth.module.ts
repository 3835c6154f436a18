import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { CLOCK, systemClock } from '../shared/clock';
import { AccountRepository } from './accounts/account.repository';
import { AccountsService } from './accounts/accounts.service';
import { AdminGuard } from './admin.guard';
import { SignInLockouts } from './lockout/sign-in-lockouts.repository';
import { SessionAuthGuard } from './session-auth.guard';
import { SessionAuthenticator } from './session-authenticator';
import { SessionRepository } from './sessions/session.repository';
import { SignInService } from './sessions/sign-in.service';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const GUARDS = [StaffAuthGuard, StaffOrApiKeyGuard, AdminGuard, SessionAuthGuard];
const SERVICES = [AccountRepository, AccountsService, SessionRepository, SignInLockouts, SignInService, SessionAuthenticator];

/** Accounts, sessions, lockouts and the guards built on them; no routes (see AuthHttpModule). */
@Module({
  imports: [CustomersModule],
  providers: [{ provide: CLOCK, useValue: systemClock }, ...SERVICES, ...GUARDS],
  exports: [CLOCK, ...SERVICES, ...GUARDS],
})
export class AuthModule {}
