import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CustomerRepository } from '../../customers/customer.repository';
import { CLOCK, type Clock } from '../../shared/clock';
import { DomainError } from '../../shared/decider';
import { hashPassword } from '../passwords/password-hashing';
import { normalizeEmail, type StaffRole } from '../principal';
import { SessionRepository } from '../sessions/session.repository';
import { AccountRepository, type CustomerLogin, type StaffAccount } from './account.repository';
import { passwordProblem } from './password-policy';

export interface NewStaffAccount {
  readonly email: string;
  readonly displayName?: string;
  readonly role: StaffRole;
  readonly password: string;
}

export interface NewCustomerLogin {
  readonly customerId: string;
  readonly email: string;
  readonly password: string;
}

/** Creating and disabling accounts, shared by the admin API, the CLI and the demo. */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createStaff(input: NewStaffAccount): Promise<StaffAccount> {
    const email = normalizeEmail(input.email);
    const passwordHash = await this.hashChecked(input.password, email);
    const displayName = input.displayName?.trim() || email.split('@')[0];
    const account = { id: randomUUID(), email, displayName, role: input.role, createdAt: this.clock.now().toISOString() };
    return this.accounts.insertStaff(account, passwordHash);
  }

  async createCustomerLogin(input: NewCustomerLogin): Promise<CustomerLogin> {
    const email = normalizeEmail(input.email);
    if (!(await this.customers.exists(input.customerId))) throw new DomainError('NOT_FOUND', `Customer ${input.customerId} does not exist`);
    const passwordHash = await this.hashChecked(input.password, email);
    const login = { id: randomUUID(), email, customerId: input.customerId, createdAt: this.clock.now().toISOString() };
    return this.accounts.insertCustomerLogin(login, passwordHash);
  }

  /** Disabling ends every session of the account at once, not when they expire. */
  async disableStaff(id: string): Promise<void> {
    if (!(await this.accounts.disableStaff(id))) throw new DomainError('NOT_FOUND', `Staff account ${id} does not exist`);
    await this.sessions.revokeAll('staff', id, this.clock.now());
  }

  listStaff(): Promise<StaffAccount[]> {
    return this.accounts.listStaff();
  }

  private async hashChecked(password: string, email: string): Promise<string> {
    const problem = passwordProblem(password, email);
    if (problem) throw new DomainError('INVALID_COMMAND', problem);
    return hashPassword(password);
  }
}
