import { expectationHolds, prepareEvents, validateExpectedVersion, validateStreamId } from './append-validation';
import { EventTooLargeError, InvalidAppendError, InvalidEventDataError } from './event-store.errors';

describe('expectationHolds', () => {
  it.each([
    ['any', 0, true],
    ['any', 7, true],
    ['no_stream', 0, true],
    ['no_stream', 1, false],
    ['stream_exists', 0, false],
    ['stream_exists', 3, true],
    [0, 0, true],
    [3, 3, true],
    [3, 4, false],
  ] as const)('%p against actual %p is %p', (expected, actual, holds) => {
    expect(expectationHolds(expected, actual)).toBe(holds);
  });
});

describe('validation', () => {
  it.each([['latest'], [-1], [2.5], [Number.NaN], [null], ['1']])('refuses expected version %p', (value) => {
    expect(() => validateExpectedVersion(value)).toThrow(InvalidAppendError);
  });

  it.each([[''], ['  '], ['$all'], ['x'.repeat(201)]])('refuses stream id %p', (id) => {
    expect(() => validateStreamId(id)).toThrow(InvalidAppendError);
  });
});

describe('prepareEvents', () => {
  const options = { expectedVersion: 'any' as const };

  it('fills metadata from the options, one correlation id per batch', () => {
    const prepared = prepareEvents(
      [
        { type: 'A', data: 1 },
        { type: 'B', data: { b: true } },
      ],
      {
        ...options,
        actor: { kind: 'worker', id: 'w1' },
        causationId: 'cmd-1',
        timestamp: '2026-01-01T00:00:00.000Z',
      },
      1024,
    );
    expect(prepared[0].metadata.correlationId).toBe(prepared[1].metadata.correlationId);
    expect(prepared[0].metadata).toMatchObject({
      actor: { kind: 'worker', id: 'w1' },
      causationId: 'cmd-1',
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    expect(prepared[0].eventId).not.toBe(prepared[1].eventId);
    expect(JSON.parse(prepared[1].dataJson)).toEqual({ b: true });
  });

  it('refuses data that is not JSON, with the event type in the message', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => prepareEvents([{ type: 'Loop', data: circular }], options, 1024)).toThrow(/"Loop" data is not serialisable/);
    expect(() => prepareEvents([{ type: 'Fn', data: () => 1 }], options, 1024)).toThrow(InvalidAppendError);
  });

  it('counts metadata towards the size limit and says the sizes', () => {
    const attempt = (): unknown => prepareEvents([{ type: 'Big', data: 'x'.repeat(900) }], options, 1000);
    expect(attempt).toThrow(EventTooLargeError);
    expect(attempt).toThrow(/Event of type "Big" is \d+ bytes; the limit is 1000 bytes/);
  });

  it('refuses an event id that is not a UUID', () => {
    expect(() => prepareEvents([{ type: 'A', data: {}, metadata: { eventId: 'abc' } }], options, 1024)).toThrow(/not a UUID/);
  });
});

describe('prepareEvents refuses text jsonb cannot store', () => {
  const options = { expectedVersion: 'any' as const };
  const prepare = (event: { type: string; data: unknown; metadata?: { actor: { kind: 'worker'; id: string } } }): unknown =>
    prepareEvents([event], options, 1 << 16);

  it('names the event, the path and what is wrong', () => {
    expect(() => prepare({ type: 'Failed', data: { steps: [{ message: 'a\u0000b' }] } })).toThrow(
      'Event "Failed": data at $.steps[0].message holds a NUL character (U+0000)',
    );
    expect(() => prepare({ type: 'Failed', data: { message: 'cut \ud83d' } })).toThrow(
      /data at \$\.message holds a lone UTF-16 surrogate \(U\+D83D\)/,
    );
    expect(() => prepare({ type: 'Failed', data: {}, metadata: { actor: { kind: 'worker', id: '\udc00' } } })).toThrow(
      /metadata at \$\.actor\.id holds a lone UTF-16 surrogate \(U\+DC00\)/,
    );
    expect(() => prepare({ type: 'Fa\u0000iled', data: {} })).toThrow(InvalidEventDataError);
  });

  it('keeps emoji, other control characters and a backslash followed by "u0000"', () => {
    const data = { emoji: 'ok 😀', bell: '\u0007', text: '\\u0000 and \\ud800 as written', both: '\\\u0001' };
    const [prepared] = prepareEvents([{ type: 'Fine', data }], options, 1 << 16);
    expect(JSON.parse(prepared.dataJson)).toEqual(data);
  });

  it('refuses a stream id with a NUL or a lone surrogate', () => {
    expect(() => validateStreamId('job-\u0000')).toThrow(InvalidAppendError);
    expect(() => validateStreamId('job-\ud800')).toThrow(InvalidAppendError);
  });
});
