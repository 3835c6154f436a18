import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, type Clock } from '../../shared/clock';
import { AccountRepository, type SignInKind } from '../accounts/account.repository';
import { retryAfterSeconds, signInSubjects } from '../lockout/lockout-policy';
import { SignInLockouts } from '../lockout/sign-in-lockouts.repository';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../passwords/password-hashing';
import { normalizeEmail } from '../principal';
import { SessionRepository, type NewSession } from './session.repository';

export type SignInResult =
  | { readonly kind: 'signed_in'; readonly session: NewSession }
  | { readonly kind: 'refused' }
  | { readonly kind: 'locked'; readonly until: Date; readonly retryAfterSeconds: number };

/**
 * Sign-in and sign-out. One sign-in: refused while the account or the address is locked (even with the right
 * password), checked against a dummy hash when the email is unknown so timing and answers are
 * the same for every wrong email, counted when it fails.
 */
@Injectable()
export class SignInService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(SignInLockouts) private readonly lockouts: SignInLockouts,
  ) {}

  async signIn(kind: SignInKind, rawEmail: string, password: string, ip: string): Promise<SignInResult> {
    const email = normalizeEmail(rawEmail);
    const subjects = signInSubjects(kind, email, ip);
    const start = await this.lockouts.begin(subjects, this.clock.now());
    if (start.kind === 'locked') return { ...start, retryAfterSeconds: retryAfterSeconds(start.until, this.clock.now()) };
    const account = await this.accounts.credentials(kind, email);
    const matches = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
    const ok = matches && account !== null && !account.disabled;
    await this.lockouts.finish(subjects, start.attemptIds, !ok, this.clock.now());
    if (!ok || !account) return { kind: 'refused' };
    if (needsRehash(account.passwordHash)) await this.accounts.updatePasswordHash(kind, account.id, await hashPassword(password));
    const ttl = kind === 'staff' ? this.config.auth.staffSessionTtlMinutes : this.config.auth.customerSessionTtlMinutes;
    return { kind: 'signed_in', session: await this.sessions.create(kind, account.id, this.clock.now(), ttl) };
  }

  /** Ends a session (staff or customer) at once. */
  async signOut(tokenHash: string): Promise<void> {
    await this.sessions.revoke(tokenHash, this.clock.now());
  }
}
