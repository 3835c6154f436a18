import { parseMappingAnswer } from './mapping-service.contract';

describe('parseMappingAnswer', () => {
  it('reads field → { selector, confidence }', () => {
    expect(parseMappingAnswer('{"fields":{"email":{"selector":"#mail","confidence":0.9}}}')).toEqual({
      ok: true,
      answers: [{ field: 'email', selector: '#mail', confidence: 0.9 }],
    });
  });

  it.each([
    ['not JSON', '{"fields":', /not JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['an unknown top-level key', '{"fields":{},"extra":1}', /unknown top-level key "extra"/],
    ['an unknown listing field', '{"fields":{"password":{"selector":"#p","confidence":1}}}', /unknown listing field "password"/],
    ['an unknown answer key', '{"fields":{"email":{"selector":"#m","confidence":1,"why":"x"}}}', /email: unknown key "why"/],
    ['an empty selector', '{"fields":{"email":{"selector":" ","confidence":1}}}', /email.selector: must be a non-empty string/],
    ['a confidence above 1', '{"fields":{"email":{"selector":"#m","confidence":1.5}}}', /confidence: must be a number from 0 to 1/],
    ['a control character', '{"fields":{"email":{"selector":"#m\\u0000","confidence":1}}}', /control character/],
  ])('rejects %s', (_what, body, problem) => {
    const parsed = parseMappingAnswer(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('rejects a selector longer than 500 characters and an oversized answer', () => {
    const long = parseMappingAnswer(JSON.stringify({ fields: { email: { selector: `#${'a'.repeat(500)}`, confidence: 1 } } }));
    expect(long).toEqual({ ok: false, problem: 'email.selector: longer than 500 characters' });
    expect(parseMappingAnswer(JSON.stringify({ fields: {}, pad: 'x'.repeat(70_000) }))).toMatchObject({
      ok: false,
      problem: /larger than/,
    });
  });
});
