import { MappingServiceClient } from './mapping-service.client';
import { mappingRequest } from './mapping-service.contract';

const config = {
  url: 'http://mapper.test/map',
  token: 'tok',
  timeoutMs: 1000,
  breakerThreshold: 2,
  breakerCooldownMs: 10_000,
  minConfidence: 0.5,
};
const request = mappingRequest('https://dir.example/submit?x=1', ['email'], []);

describe('MappingServiceClient', () => {
  it('POSTs the request with the token and returns the parsed answers', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"fields":{"email":{"selector":"#m","confidence":0.8}}}', { status: 200 });
    }) as unknown as typeof fetch;
    const reply = await new MappingServiceClient(config, fetchImpl).ask(request);
    expect(reply).toEqual({ kind: 'answered', answers: [{ field: 'email', selector: '#m', confidence: 0.8 }] });
    expect(calls[0].url).toBe(config.url);
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[0].init.body as string)).toMatchObject({ version: 1, url: 'https://dir.example/submit', wanted: ['email'] });
  });

  it('counts error statuses and invalid answers as failures and opens the breaker after the threshold', async () => {
    let now = 0;
    const bodies = [new Response('boom', { status: 500 }), new Response('{"fields":{"x":{}}}', { status: 200 })];
    let asked = 0;
    const fetchImpl = (async () => {
      asked += 1;
      return bodies.shift() ?? new Response('{"fields":{}}');
    }) as unknown as typeof fetch;
    const client = new MappingServiceClient(config, fetchImpl, () => now);
    expect(await client.ask(request)).toEqual({ kind: 'failed', reason: 'HTTP 500' });
    expect(await client.ask(request)).toEqual({ kind: 'failed', reason: 'invalid answer: unknown listing field "x"' });
    expect((await client.ask(request)).kind).toBe('refused');
    expect(asked).toBe(2);
    now = 10_000;
    expect(await client.ask(request)).toEqual({ kind: 'answered', answers: [] });
    expect(client.stats()).toMatchObject({
      requests: { answered: 1, failed: 2, refused: 1 },
      breaker: { state: 'closed', timesOpened: 1 },
    });
  });
});
