import { encodeSubmissionMessage, parseSubmissionMessage } from './submission-message';

const fields = { jobId: 'j1', directoryId: 'd1', attempt: 2, priority: 'P1', correlationId: 'c1', causationId: 'e1' } as const;

describe('submission message', () => {
  it('round-trips, with and without the staff-retry flag', () => {
    expect(parseSubmissionMessage(encodeSubmissionMessage(fields))).toEqual({ ok: true, message: { v: 1, ...fields } });
    expect(parseSubmissionMessage(encodeSubmissionMessage({ ...fields, reopen: true }))).toEqual({
      ok: true,
      message: { v: 1, ...fields, reopen: true },
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a reopen flag that is not true', { reopen: 'yes' }, /reopen must be true when present/],
    ['a reopen flag set to false', { reopen: false }, /reopen must be true when present/],
    ['a blank directory', { directoryId: '' }, /directoryId must be a non-empty string/],
    ['attempt 0', { attempt: 0 }, /attempt must be a positive integer/],
    ['an unknown priority', { priority: 'P9' }, /priority must be P1, P2 or P3/],
    ['another version', { v: 2 }, /unknown message version 2/],
  ])('refuses %s with the reason', (_, change, reason) => {
    const parsed = parseSubmissionMessage(JSON.stringify({ v: 1, ...fields, ...change }));
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses a body that is not a JSON object', () => {
    expect(parseSubmissionMessage('[1]')).toEqual({ ok: false, reason: 'malformed message: body is not an object' });
    expect(parseSubmissionMessage('{')).toEqual({ ok: false, reason: 'malformed message: body is not JSON' });
  });
});
