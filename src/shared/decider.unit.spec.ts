import { DomainError, fold, isBlank, type Decider } from './decider';
import { given } from '../../test/support/decider-spec';

type Add = { readonly type: 'Add'; readonly data: { readonly n: number } };
type Added = { readonly type: 'Added'; readonly data: { readonly n: number } };

const counter: Decider<Add, Added, number> = {
  decide: ({ data }, total) => {
    if (data.n <= 0) throw new DomainError('INVALID_COMMAND', `Cannot add ${data.n}: must be positive (total ${total})`);
    return [{ type: 'Added', data: { n: data.n } }];
  },
  evolve: (total, event) => total + event.data.n,
  initialState: () => 0,
};
const added = (n: number): Added => ({ type: 'Added', data: { n } });

describe('fold', () => {
  it('evolves from the initial state in order', () => {
    expect(fold(counter, [added(1), added(2)])).toBe(3);
    expect(fold(counter, [])).toBe(0);
  });
});

describe('given / when / then', () => {
  it('decides against the folded history', () => {
    given(counter, [added(2)])
      .when({ type: 'Add', data: { n: 5 } })
      .then([added(5)]);
  });

  it('checks code and message of a rejection', () => {
    given(counter)
      .when({ type: 'Add', data: { n: 0 } })
      .thenThrows('INVALID_COMMAND', 'Cannot add 0');
    given(counter)
      .when({ type: 'Add', data: { n: -1 } })
      .thenThrows('INVALID_COMMAND');
  });

  it('fails when decide does not throw', () => {
    expect(() =>
      given(counter)
        .when({ type: 'Add', data: { n: 1 } })
        .thenThrows('INVALID_COMMAND'),
    ).toThrow('Expected DomainError INVALID_COMMAND, but decide returned [{"type":"Added","data":{"n":1}}]');
  });

  it('fails on the wrong code', () => {
    expect(() =>
      given(counter)
        .when({ type: 'Add', data: { n: 0 } })
        .thenThrows('NOT_FOUND'),
    ).toThrow();
  });
});

describe('DomainError', () => {
  it('is an Error with a code and a name', () => {
    const error = new DomainError('NOT_FOUND', 'Cannot start job: it does not exist');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'NOT_FOUND', message: 'Cannot start job: it does not exist' });
  });
});

it.each([
  ['', true],
  ['  ', true],
  [null, true],
  [undefined, true],
  ['x', false],
])('isBlank(%p) is %p', (value, blank) => {
  expect(isBlank(value)).toBe(blank);
});
