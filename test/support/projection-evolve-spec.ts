import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { KeyedRow, KeyedRowsSpec } from '../../projections/runtime/keyed-rows';

export interface EvolveThen<Row> {
  /** The rows after `given` then `when`, ordered by id. */
  then(expected: readonly Row[]): void;
  /** `when` changes no row that `given` produced (nor adds one). */
  thenUnchanged(): void;
}

export interface EvolveWhen<Row> {
  when(...events: readonly RecordedEvent[]): EvolveThen<Row>;
}

/**
 * Pure test of a projection's row logic, without a database:
 * `evolveSpec(rows).given(...events).when(...events).then(rows)`. Each event goes to the row its
 * key names; `evolve` returning null leaves that row as it was.
 */
export function evolveSpec<Row extends KeyedRow>(
  spec: KeyedRowsSpec<Row>,
): { given(...events: readonly RecordedEvent[]): EvolveWhen<Row> } {
  return {
    given: (...given) => ({
      when: (...when) => ({
        then: (expected) => expect(foldRows(spec, [...given, ...when])).toEqual(expected),
        thenUnchanged: () => expect(foldRows(spec, [...given, ...when])).toEqual(foldRows(spec, given)),
      }),
    }),
  };
}

/** The rows a projection's `evolve` builds from `events`, ordered by id. */
export function foldRows<Row extends KeyedRow>(spec: KeyedRowsSpec<Row>, events: readonly RecordedEvent[]): Row[] {
  const rows = new Map<string, Row>();
  for (const event of events) {
    const key = spec.keyOf(event);
    if (key === null) continue;
    const next = spec.evolve(rows.get(key) ?? null, event);
    if (next) rows.set(key, next);
  }
  return [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
}
