import { describeAsOf, parseAsOf } from './as-of';

describe('parseAsOf', () => {
  it('takes a global position', () => {
    expect(parseAsOf('42', undefined)).toEqual({ ok: true, asOf: { kind: 'position', position: 42n } });
    expect(parseAsOf('0', undefined)).toEqual({ ok: true, asOf: { kind: 'position', position: 0n } });
  });

  it.each([
    ['2025-01-31T12:00:00Z', '2025-01-31T12:00:00.000Z'],
    ['2025-01-31T12:00:00.123456Z', '2025-01-31T12:00:00.123Z'],
    ['2025-01-31T14:00:00+02:00', '2025-01-31T12:00:00.000Z'],
    ['2025-01-31T12:00', '2025-01-31T12:00:00.000Z'],
    ['2025-01-31', '2025-01-31T00:00:00.000Z'],
  ])('takes the ISO time %s as %s (no zone means UTC)', (text, iso) => {
    const parsed = parseAsOf(undefined, text);
    expect(parsed.ok && parsed.asOf.kind === 'time' && parsed.asOf.at.toISOString()).toBe(iso);
  });

  it('refuses both, neither, and malformed values, naming the inputs as the caller does', () => {
    const names = { position: '--at-position', at: '--at-time' };
    expect(parseAsOf('1', '2025-01-01', names)).toEqual({ ok: false, problem: 'give either --at-position or --at-time, not both' });
    expect(parseAsOf(undefined, undefined)).toEqual({ ok: false, problem: expect.stringContaining('give position') });
    for (const bad of ['-1', '1.5', 'abc', '', '1e3', '12345678901234567890']) {
      expect(parseAsOf(bad, undefined)).toEqual({ ok: false, problem: expect.stringContaining('position must be') });
    }
    for (const bad of ['yesterday', '2025-13-01', '2025-02-30T00:00:00Z', '31/01/2025', '2025-01-31T25:00:00Z', '']) {
      expect(parseAsOf(undefined, bad)).toEqual({ ok: false, problem: expect.stringContaining('at must be an ISO-8601 time') });
    }
  });

  it('describes itself', () => {
    expect(describeAsOf({ kind: 'position', position: 7n })).toBe('position 7');
    expect(describeAsOf({ kind: 'time', at: new Date('2025-01-01T00:00:00Z') })).toBe('2025-01-01T00:00:00.000Z');
  });
});
