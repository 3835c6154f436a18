import { configProblems } from '../../test/support/config-problems';
import { loadConfig } from './app-config';

const problemsOf = (env: Record<string, string>): string => configProblems(() => loadConfig(env));

describe('security settings', () => {
  it('defaults: CORS off, 100 requests a minute per IP, 1,000 an hour per API key, no allowlist, 10 MB bodies', () => {
    const config = loadConfig({});
    expect(config.security).toEqual({
      corsOrigins: [],
      trustProxyHops: 0,
      rateLimit: { perIp: 100, ipWindowMs: 60_000, perApiKey: 1000, apiKeyWindowMs: 3_600_000, redisPrefix: 'dbolt:rate:' },
    });
    expect(config.outbound.directoryUrlAllowlist).toEqual([]);
    expect(config.httpBodyLimitBytes).toBe(10 * 1024 * 1024);
  });

  it('reads CORS origins, rate limits and the directory URL allowlist', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example.test, http://localhost:5173',
      RATE_LIMIT_PER_IP: '5',
      RATE_LIMIT_IP_WINDOW_MS: '1000',
      RATE_LIMIT_PER_API_KEY: '7',
      RATE_LIMIT_API_KEY_WINDOW_MS: '2000',
      RATE_LIMIT_REDIS_PREFIX: 'x:',
      HTTP_TRUST_PROXY_HOPS: '1',
      DIRECTORY_URL_ALLOWLIST: '127.0.0.1, Sandbox.Local,10.0.0.0/8,fd00::/8',
    });
    expect(config.security.corsOrigins).toEqual(['https://a.example.test', 'http://localhost:5173']);
    expect(config.security.rateLimit).toEqual({ perIp: 5, ipWindowMs: 1000, perApiKey: 7, apiKeyWindowMs: 2000, redisPrefix: 'x:' });
    expect(config.security.trustProxyHops).toBe(1);
    expect(config.outbound.directoryUrlAllowlist).toEqual(['127.0.0.1', 'sandbox.local', '10.0.0.0/8', 'fd00::/8']);
  });

  it('names every bad value', () => {
    const problems = problemsOf({
      CORS_ORIGINS: 'https://a.test/path,*',
      RATE_LIMIT_PER_IP: '0',
      DIRECTORY_URL_ALLOWLIST: '10.0.0.0/33,bad host,1.2.3.4/8/1',
      HTTP_BODY_LIMIT_BYTES: String(10 * 1024 * 1024 + 1),
    });
    expect(problems).toContain('CORS_ORIGINS: "https://a.test/path" is not an origin');
    expect(problems).toContain('CORS_ORIGINS: "*" is not an origin');
    expect(problems).toContain('RATE_LIMIT_PER_IP must be a whole number from 1');
    for (const entry of ['10.0.0.0/33', 'bad host', '1.2.3.4/8/1']) expect(problems).toContain(`DIRECTORY_URL_ALLOWLIST: "${entry}"`);
    expect(problems).toContain('HTTP_BODY_LIMIT_BYTES must be a whole number from 1024 to 10485760');
  });
});
