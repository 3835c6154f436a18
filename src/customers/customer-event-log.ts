import { Inject, Injectable } from '@nestjs/common';
import { readStream } from '../event-store/event-decoding';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port';
import { appendMetadata, type CommandContext } from '../shared/command-context';
import { fold } from '../shared/decider';
import type { CustomerCommand } from './customer.commands';
import { customerDecider, type CustomerState } from './customer.decider';
import { customerStreamId, type CustomerEvent } from './customer.events';
import { CustomerDataKeys } from './personal-data/customer-data-keys.repository';
import {
  openCustomerEvent,
  sealCustomerEvent,
  STORED_CUSTOMER_EVENT_TYPES,
  type StoredCustomerEvent,
} from './personal-data/customer-event-codec';

export interface CustomerStream {
  readonly state: CustomerState;
  /** 0 when the customer has no stream. */
  readonly version: number;
  /** The events, opened: personal values in clear, or ERASED once the key is gone. */
  readonly events: readonly RecordedEvent<CustomerEvent>[];
}

export interface CustomerCommandResult {
  readonly state: CustomerState;
  readonly version: number;
  readonly events: readonly CustomerEvent[];
}

/**
 * Read → open → fold → decide → seal → append, as the shared command executor does, with the
 * personal fields sealed under the customer's data key on the way in and opened on the way out.
 */
@Injectable()
export class CustomerEventLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CustomerDataKeys) private readonly keys: CustomerDataKeys,
  ) {}

  async read(customerId: string): Promise<CustomerStream> {
    const { stream } = await this.load(customerId, false);
    return stream;
  }

  async execute(
    customerId: string,
    command: CustomerCommand,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<CustomerCommandResult> {
    const { stream, key } = await this.load(customerId, command.type === 'RegisterCustomer');
    // A stale edit fails even when it would change nothing: the caller decided on an old picture.
    if (expectedVersion !== undefined && expectedVersion !== stream.version) {
      throw new WrongExpectedVersionError(customerStreamId(customerId), expectedVersion, stream.version);
    }
    const decided = customerDecider.decide(command, stream.state);
    if (decided.length === 0) return { state: stream.state, version: stream.version, events: decided };
    // The key goes before the erasure is recorded: if the append then fails, the data is gone
    // all the same, and a retry records it (the decider still sees the customer unerased).
    const erasing = decided.some((event) => event.type === 'CustomerDataErased');
    if (erasing) await this.keys.destroy(customerId);
    const sealed = decided.map((event) => sealCustomerEvent(event, erasing ? null : key));
    const result = await this.store.appendToStream(customerStreamId(customerId), sealed, {
      ...appendMetadata(context),
      expectedVersion: stream.version === 0 ? 'no_stream' : stream.version,
    });
    return {
      state: decided.reduce((state, event) => customerDecider.evolve(state, event), stream.state),
      version: result.nextVersion,
      events: decided,
    };
  }

  private async load(customerId: string, registering: boolean): Promise<{ stream: CustomerStream; key: Buffer | null }> {
    const slice = await readStream<StoredCustomerEvent>(this.store, customerStreamId(customerId), STORED_CUSTOMER_EVENT_TYPES);
    const key = slice.version === 0 && registering ? await this.keys.getOrCreate(customerId) : await this.keys.find(customerId);
    const events = slice.events.map((event) => ({ ...event, ...openCustomerEvent(event, key) }));
    return { stream: { state: fold(customerDecider, events), version: slice.version, events }, key };
  }
}
