import type { Pool } from 'pg';
import type { Projection } from '../../projections/runtime/projection';
import type { ProjectorOptions } from '../../projections/runtime/projection-leader';
import { AdvisoryLeases } from '../database/advisory-leases';
import { assertEveryTypeAccountedFor } from '../event-store/event-registry';
import type { EventStore } from '../event-store/event-store.port';
import type { Reaction } from './reaction';
import { periodic, type PeriodicOptions } from './periodic';
import type { ProcessingDeps, Processor } from './processor';
import { projector, type ProjectorProcessor } from './projector';
import { reactor, type ReactorOptions } from './reactor';

/**
 * The processors of one lease holder: each started here runs under the same holder identity,
 * and stop() stops them all, then gives every lease up at once.
 */
export class ProcessingRuntime implements ProcessingDeps {
  readonly leases: AdvisoryLeases;
  private readonly processors: Processor[] = [];

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
  ) {
    this.leases = new AdvisoryLeases(pool);
  }

  /**
   * A checkpointed subscription applying `reaction`. Like a projection, it must say what it does
   * with every type of the streams it reads, so a new event type cannot slip past it unnoticed.
   */
  reactor(reaction: Reaction, options: ReactorOptions): Processor {
    assertEveryTypeAccountedFor(reaction);
    return this.run(reactor(this, reaction, options));
  }

  /** A projection's live tables and blue/green rebuilds. */
  projector(projection: Projection, options: ProjectorOptions): ProjectorProcessor {
    assertEveryTypeAccountedFor(projection);
    return this.run(projector(this, projection, options));
  }

  /** `task` on a schedule. */
  periodic(options: PeriodicOptions, task: () => Promise<void>): Processor {
    return this.run(periodic(this.leases, options, task));
  }

  async stop(): Promise<void> {
    const processors = this.processors.splice(0);
    await Promise.all(processors.map((processor) => processor.stop()));
    await this.leases.close();
  }

  private run<P extends Processor>(processor: P): P {
    this.processors.push(processor);
    processor.start();
    return processor;
  }
}
