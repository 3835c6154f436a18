import type { Event as AnyEvent, EventTypes } from './message';

/** The shape of every aggregate (Emmett style): pure functions over commands, events and state. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A decider whose state lives in a stream: its event types say how that stream is read. */
export interface StreamDecider<Command, Event extends AnyEvent, State> extends Decider<Command, Event, State> {
  readonly eventTypes: EventTypes<Event>;
}

/** The API maps these to 404 / 409 / 409 / 400. */
export type DomainErrorCode = 'NOT_FOUND' | 'ALREADY_EXISTS' | 'ILLEGAL_TRANSITION' | 'INVALID_COMMAND';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function fold<E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

export function isBlank(value: string | null | undefined): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Compile-time exhaustiveness for `decide`; at run time an unknown command is a bad request. */
export function rejectUnknownCommand(command: never): never {
  const type = (command as { readonly type?: unknown } | null)?.type;
  throw new DomainError('INVALID_COMMAND', `Unknown command type ${JSON.stringify(type)}`);
}

/**
 * Compile-time exhaustiveness for `evolve`. At run time an unknown event (written by a newer
 * version) is skipped, so older readers can still fold the stream.
 */
export function ignoreUnknownEvent<S>(_event: never, state: S): S {
  return state;
}
