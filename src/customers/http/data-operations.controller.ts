import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiSessionAuth } from '../../api-docs/api-docs-security';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { Database } from '../../database/database';
import { readAs } from '../../database/customer-scope';
import { DomainError } from '../../shared/decider';
import { CustomerCommands, notFound } from '../customer-commands.service';
import { CustomerDataExportQuery, type CustomerDataExport } from '../customer-data-export.query';
import { CustomerReadModel } from '../customer-read-model.query';
import type { CustomerView } from '../customer-view';
import { DeleteOwnDataQueryDto, ProfileChangesDto } from './customer.request.dto';
import { changesOf, CustomerChange, CustomerEdit, withCustomerEtag, type CustomerChangeRequest } from './customer-request';
import { CustomerSessionGuard } from './customer-session.guard';

/**
 * A signed-in customer's own data (R-API-3): read (from the read model, under row security),
 * edit with If-Match, export everything held about it (POST), deactivate or erase (DELETE).
 */
@Controller('customer/data-operations')
@UseGuards(CustomerSessionGuard)
@ApiTags('customer/data-operations')
@ApiSessionAuth()
export class DataOperationsController {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CustomerCommands) private readonly customers: CustomerCommands,
    @Inject(CustomerReadModel) private readonly readModel: CustomerReadModel,
    @Inject(CustomerDataExportQuery) private readonly exports: CustomerDataExportQuery,
  ) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: ServerResponse): Promise<CustomerView> {
    const customerId = customerOf(principal);
    const view = await readAs(this.database.pool, customerId, (reader) => this.readModel.find(customerId, reader));
    if (!view) throw notFound(customerId);
    return withCustomerEtag(response, view);
  }

  /** The fields sent replace the stored ones; the others stay. */
  @Put()
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ProfileChangesDto,
    @CustomerEdit() edit: CustomerChangeRequest,
  ): Promise<CustomerView> {
    const view = await this.customers.updateProfile(customerOf(principal), changesOf(body), edit.context, edit.expectedVersion);
    return withCustomerEtag(edit.response, view);
  }

  @Post()
  @HttpCode(200)
  async export(@CurrentPrincipal() principal: Principal): Promise<CustomerDataExport> {
    const customerId = customerOf(principal);
    const exported = await this.exports.export(customerId, new Date());
    if (!exported) throw notFound(customerId);
    return exported;
  }

  /** Deactivates; `?erase=true` also erases every personal field for good. */
  @Delete()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DeleteOwnDataQueryDto,
    @CustomerChange() change: CustomerChangeRequest,
  ): Promise<CustomerView> {
    const customerId = customerOf(principal);
    const view =
      query.erase === 'true'
        ? await this.customers.erase(customerId, change.context, change.expectedVersion)
        : await this.customers.deactivate(customerId, change.context, change.expectedVersion);
    return withCustomerEtag(change.response, view);
  }
}

function customerOf(principal: Principal): string {
  if (principal.kind !== 'customer') throw new DomainError('NOT_FOUND', 'No customer on this session');
  return principal.customerId;
}
