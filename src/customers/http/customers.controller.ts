import { Body, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AdminGuard } from '../../auth/admin.guard';
import { AllowCustomer } from '../../auth/allow-customer.decorator';
import { visibleTo } from '../../auth/current-principal.decorator';
import { readAs } from '../../database/customer-scope';
import { Database } from '../../database/database';
import type { ApiRequest } from '../../http/api-request';
import { StaffController } from '../../http/guarded-controller.decorator';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import { RequestCommandContext } from '../../http/command-context.decorator';
import type { CommandContext } from '../../shared/command-context';
import { CustomerCommands, notFound } from '../customer-commands.service';
import { CustomerReadModel, type CustomerHistoryEntry, type CustomerPage } from '../customer-read-model.query';
import type { CustomerView } from '../customer-view';
import { ListCustomersQueryDto, PackageDto, ProfileChangesDto, RegisterCustomerDto } from './customer.request.dto';
import { changesOf, CustomerChange, CustomerEdit, newProfileOf, withCustomerEtag, type CustomerChangeRequest } from './customer-request';

const DEFAULT_LIMIT = 50;

/** Staff onboard and keep customers at /api/customers; erasure is for admins; a customer may read its own. */
@StaffController('customers')
export class CustomersController {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CustomerCommands) private readonly customers: CustomerCommands,
    @Inject(CustomerReadModel) private readonly readModel: CustomerReadModel,
  ) {}

  @Post()
  async register(
    @Body() body: RegisterCustomerDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<CustomerView> {
    const view = await this.customers.register(newProfileOf(body.profile), { ...body.package }, context);
    response.setHeader('Location', `/api/customers/${view.customerId}`);
    return withCustomerEtag(response, view);
  }

  @Get()
  list(@Query() query: ListCustomersQueryDto): Promise<CustomerPage> {
    return this.readModel.page(query.limit ?? DEFAULT_LIMIT, query.after ?? null);
  }

  /** A customer session may read its own customer here too (from the read model, under row security); another's is 404. */
  @Get(':customerId')
  @AllowCustomer()
  async get(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<CustomerView> {
    if (request.principal?.kind !== 'customer') return withCustomerEtag(response, await this.customers.view(customerId));
    const own = visibleTo(request.principal, customerId)
      ? await readAs(this.database.pool, customerId, (reader) => this.readModel.find(customerId, reader))
      : null;
    if (!own) throw notFound(customerId);
    return withCustomerEtag(response, own);
  }

  @Patch(':customerId/profile')
  async edit(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Body() body: ProfileChangesDto,
    @CustomerEdit() edit: CustomerChangeRequest,
  ): Promise<CustomerView> {
    const view = await this.customers.updateProfile(customerId, changesOf(body), edit.context, edit.expectedVersion);
    return withCustomerEtag(edit.response, view);
  }

  @Post(':customerId/packages')
  @HttpCode(200)
  async purchase(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Body() body: PackageDto,
    @CustomerChange() change: CustomerChangeRequest,
  ): Promise<CustomerView> {
    const view = await this.customers.purchase(customerId, { ...body }, change.context, change.expectedVersion);
    return withCustomerEtag(change.response, view);
  }

  @Post(':customerId/deactivate')
  @HttpCode(200)
  async deactivate(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @CustomerChange() change: CustomerChangeRequest,
  ): Promise<CustomerView> {
    return withCustomerEtag(change.response, await this.customers.deactivate(customerId, change.context, change.expectedVersion));
  }

  /** Crypto-shredding: the data key is destroyed, every personal field reads as erased from then on. */
  @Post(':customerId/erase')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  async erase(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @CustomerChange() change: CustomerChangeRequest,
  ): Promise<CustomerView> {
    return withCustomerEtag(change.response, await this.customers.erase(customerId, change.context, change.expectedVersion));
  }

  @Get(':customerId/history')
  @AllowCustomer()
  async history(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Req() request: ApiRequest,
  ): Promise<{ customerId: string; history: CustomerHistoryEntry[] }> {
    if (!visibleTo(request.principal, customerId)) throw notFound(customerId);
    const scope = request.principal?.kind === 'customer' ? customerId : null;
    // 404 for an unknown customer, not an empty history.
    const history = await readAs(this.database.pool, scope, async (reader) =>
      (await this.readModel.find(customerId, reader)) ? this.readModel.history(customerId, reader) : null,
    );
    if (!history) throw notFound(customerId);
    return { customerId, history };
  }
}
