import { BadRequestException, Body, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { CustomerLogin, StaffAccount } from '../accounts/account.repository';
import { AccountsService } from '../accounts/accounts.service';
import { CreateCustomerLoginDto, CreateStaffAccountDto } from './auth-requests.dto';
import { AdminController } from '../../http/guarded-controller.decorator';

/** Account management for admins: staff accounts and customer logins. Passwords are never returned. */
@AdminController('admin')
export class AccountsAdminController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Post('accounts')
  create(@Body() body: CreateStaffAccountDto): Promise<StaffAccount> {
    return this.accounts.createStaff(body);
  }

  @Get('accounts')
  async list(): Promise<{ accounts: StaffAccount[] }> {
    return { accounts: await this.accounts.listStaff() };
  }

  /** Disabling also ends the account's sessions. */
  @Post('accounts/:id/disable')
  @HttpCode(200)
  async disable(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: invalidAccountId })) id: string,
  ): Promise<{ id: string; disabled: true }> {
    await this.accounts.disableStaff(id);
    return { id, disabled: true };
  }

  @Post('customer-logins')
  createCustomerLogin(@Body() body: CreateCustomerLoginDto): Promise<CustomerLogin> {
    return this.accounts.createCustomerLogin(body);
  }
}

function invalidAccountId(): BadRequestException {
  return new BadRequestException({ error: 'invalid_account_id', message: 'Account id must be a UUID' });
}
