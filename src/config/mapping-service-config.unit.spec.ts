import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

describe('mapping service settings', () => {
  it('is off by default, with a 3 s timeout and a breaker that opens after 3 failures for 60 s', () => {
    expect(loadConfig({}).mappingService).toEqual({
      url: null,
      token: null,
      timeoutMs: 3000,
      breakerThreshold: 3,
      breakerCooldownMs: 60_000,
      minConfidence: 0.5,
    });
  });

  it('reads the URL, the token (also from a file) and the thresholds', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mapper-')), 'token');
    writeFileSync(path, 's3cret\n');
    const config = loadConfig({
      MAPPING_SERVICE_URL: 'https://mapper.internal/map',
      MAPPING_SERVICE_TOKEN_FILE: path,
      MAPPING_SERVICE_TIMEOUT_MS: '800',
      MAPPING_SERVICE_BREAKER_THRESHOLD: '5',
      MAPPING_SERVICE_MIN_CONFIDENCE_PCT: '70',
    }).mappingService;
    expect(config).toMatchObject({
      url: 'https://mapper.internal/map',
      token: 's3cret',
      timeoutMs: 800,
      breakerThreshold: 5,
      minConfidence: 0.7,
    });
  });

  it('refuses a URL that is not http(s) and a timeout out of range', () => {
    expect(() => loadConfig({ MAPPING_SERVICE_URL: 'ftp://mapper/' })).toThrow(/MAPPING_SERVICE_URL must start with http: or https:/);
    expect(() => loadConfig({ MAPPING_SERVICE_TIMEOUT_MS: '0' })).toThrow(/MAPPING_SERVICE_TIMEOUT_MS must be a whole number/);
  });
});
