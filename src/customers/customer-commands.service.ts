import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../shared/command-context';
import { DomainError } from '../shared/decider';
import type { CustomerCommand } from './customer.commands';
import type { BusinessProfile, CustomerPackage } from './customer.events';
import { CustomerEventLog } from './customer-event-log';
import { CustomerReadModel } from './customer-read-model.query';
import { viewOfState, type CustomerView } from './customer-view';

/** The customer use cases the staff and customer APIs share; each is one command on the stream. */
@Injectable()
export class CustomerCommands {
  constructor(
    @Inject(CustomerEventLog) private readonly log: CustomerEventLog,
    @Inject(CustomerReadModel) private readonly readModel: CustomerReadModel,
  ) {}

  async register(profile: BusinessProfile, pkg: CustomerPackage, context: CommandContext): Promise<CustomerView> {
    const customerId = randomUUID();
    return this.run(customerId, { type: 'RegisterCustomer', data: { customerId, profile, package: pkg } }, context);
  }

  updateProfile(
    customerId: string,
    changes: Partial<BusinessProfile>,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<CustomerView> {
    return this.run(customerId, { type: 'UpdateBusinessProfile', data: { changes } }, context, expectedVersion);
  }

  purchase(customerId: string, pkg: CustomerPackage, context: CommandContext, expectedVersion?: number): Promise<CustomerView> {
    return this.run(customerId, { type: 'PurchasePackage', data: pkg }, context, expectedVersion);
  }

  deactivate(customerId: string, context: CommandContext, expectedVersion?: number): Promise<CustomerView> {
    return this.run(customerId, { type: 'DeactivateCustomer', data: {} }, context, expectedVersion);
  }

  erase(customerId: string, context: CommandContext, expectedVersion?: number): Promise<CustomerView> {
    return this.run(customerId, { type: 'EraseCustomerData', data: {} }, context, expectedVersion);
  }

  /** The customer as its stream says (exact version); a row without a stream as the row says (version 0). */
  async view(customerId: string): Promise<CustomerView> {
    const stream = await this.log.read(customerId);
    if (stream.version > 0) return viewOfState(stream.state, stream.version);
    const legacy = await this.readModel.find(customerId);
    if (!legacy) throw notFound(customerId);
    return legacy;
  }

  private async run(
    customerId: string,
    command: CustomerCommand,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<CustomerView> {
    const adopted = command.type !== 'RegisterCustomer' && (await this.adoptLegacy(customerId, context));
    // The caller saw the row at version 0; its registration from that row is version 1.
    const expected = adopted && expectedVersion === 0 ? 1 : expectedVersion;
    try {
      const result = await this.log.execute(customerId, command, context, expected);
      return viewOfState(result.state, result.version);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') throw notFound(customerId);
      throw error;
    }
  }

  /**
   * A customer inserted by SQL (no stream) is registered from its row before its first change,
   * so every change to a customer is an event. Returns whether it did so now.
   */
  private async adoptLegacy(customerId: string, context: CommandContext): Promise<boolean> {
    if ((await this.log.read(customerId)).version > 0) return false;
    const row = await this.readModel.find(customerId);
    if (!row?.package || row.version !== 0) return false;
    await this.log.execute(
      customerId,
      { type: 'RegisterCustomer', data: { customerId, profile: row.profile, package: row.package } },
      context,
      0,
    );
    return true;
  }
}

export function notFound(customerId: string): DomainError {
  return new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
}
