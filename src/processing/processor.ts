import type { Pool } from 'pg';
import type { EventStore } from '../event-store/event-store.port';
import type { LeaderLoop, Leases } from './leader-loop';

/** Something the runtime starts and stops: a projector, a reactor, a periodic duty. */
export interface Processor {
  readonly name: string;
  start(): void;
  /** Waits for the work in progress and gives the lease up. */
  stop(): Promise<void>;
  /** Act now rather than at the next poll or tick (a request made in this process). */
  wake(): void;
}

/** What every processor is built on: the database, the log and one lease holder. */
export interface ProcessingDeps {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly leases: Leases;
}

export function loopProcessor(name: string, loop: LeaderLoop): Processor {
  return { name, start: () => loop.start(), stop: () => loop.stop(), wake: () => loop.wake() };
}
