import type { PoolClient } from 'pg';
import type { KnownEventType } from '../../src/event-store/event-registry';
import type { RecordedEvent } from '../../src/event-store/event-store.port';

/** One read table of a projection; created once per generation under a physical name. */
export interface ProjectionTable {
  /** The public name readers use (a view onto the live generation). */
  readonly name: string;
  /** DDL for one generation: the table and its indexes, named from `physical`. */
  createSql(physical: string): string;
  /**
   * SQL condition choosing the rows a customer may read under a customer scope
   * (src/database/customer-scope.ts). A table without one is closed to customers.
   */
  readonly customerRows?: string;
}

export interface ProjectionContext {
  readonly client: PoolClient;
  /** Physical name of a table of this projection in the generation being written. */
  table(name: string): string;
  /** Replaying into scratch tables (verify): a projection that also keeps a shared table leaves it alone. */
  readonly scratch?: boolean;
}

/**
 * A read model built from events. Bump `version` whenever `apply` or the tables change: the
 * runner then rebuilds it beside the live one and swaps when caught up.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly KnownEventType[];
  /** The other types of the stream categories it handles, left alone on purpose (checked at boot). */
  readonly ignores?: readonly KnownEventType[];
  readonly tables: readonly ProjectionTable[];
  /** Applies a page of events (only handled types), inside the runner's transaction. */
  apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}

export function physicalName(table: string, generation: number): string {
  return `${table}__g${generation}`;
}

export function contextFor(client: PoolClient, projection: Projection, generation: number): ProjectionContext {
  const names = new Set(projection.tables.map((t) => t.name));
  return {
    client,
    table: (name) => {
      if (!names.has(name)) throw new Error(`Projection ${projection.name} has no table ${name}`);
      return physicalName(name, generation);
    },
  };
}
