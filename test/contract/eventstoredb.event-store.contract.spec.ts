import { createEventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb.event-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * No EventStoreDB server can be installed on this project's machines, so this run needs one
 * configured from outside: EVENTSTORE_URL=esdb://host:2113?tls=false npm test
 */
const url = process.env.EVENTSTORE_URL;
const maxEventBytes = 64 * 1024;

if (url) {
  describeEventStoreContract(`EventStoreDB at ${url}`, async () => {
    const store = createEventStoreDbEventStore(url, { maxEventBytes });
    return { store, maxEventBytes, cleanup: () => store.close() };
  });
} else {
  console.log('EventStore contract: EventStoreDB — NOT RUN: EVENTSTORE_URL is not set (no EventStoreDB server runs on this machine).');
  describe('EventStore contract: EventStoreDB', () => {
    it.todo('NOT RUN — set EVENTSTORE_URL to an EventStoreDB server to run the contract against it');
  });
}
