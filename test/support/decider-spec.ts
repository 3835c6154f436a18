import { DomainError, fold, type Decider, type DomainErrorCode } from '../../src/shared/decider';

export interface DeciderThen<Event> {
  then(expected: readonly Event[]): void;
  thenThrows(code: DomainErrorCode, message?: RegExp | string): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

/**
 * Test helper: `given(decider, events).when(command).then(events)` or `.thenThrows(code)`.
 * Assertions run synchronously; do not `await` or return the result of `when` (it has a `then`).
 */
export function given<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[] = [],
): DeciderWhen<Command, Event> {
  return {
    when: (command) => {
      const run = (): readonly Event[] => decider.decide(command, fold(decider, events));
      return {
        then: (expected) => expect(run()).toEqual(expected),
        thenThrows: (code, message) => expectDomainError(run, code, message),
      };
    },
  };
}

function expectDomainError(run: () => unknown, code: DomainErrorCode, message?: RegExp | string): void {
  let produced: unknown;
  try {
    produced = run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code });
    if (message !== undefined) expect((error as DomainError).message).toMatch(message);
    return;
  }
  throw new Error(`Expected DomainError ${code}, but decide returned ${JSON.stringify(produced)}`);
}
