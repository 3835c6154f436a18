import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives every setting an embedded-mode default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      embeddedPgPort: 0,
      dbStatementTimeoutMs: 30_000,
      migrateOnBoot: true,
      eventStore: 'postgres',
      eventStoreUrl: null,
      maxEventBytes: 1024 * 1024,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads valid settings and treats blank values as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/app',
      MIGRATE_ON_BOOT: 'false',
      HOST: ' ',
      STAFF_SESSION_TTL_MINUTES: '60',
      ROLES: 'api, projector,api',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/app',
      migrateOnBoot: false,
      host: '127.0.0.1',
      auth: { staffSessionTtlMinutes: 60, customerSessionTtlMinutes: 7 * 24 * 60 },
      roles: ['api', 'projector'],
    });
  });

  it('reads the health settings, with defaults, and refuses out-of-range ones', () => {
    expect(loadConfig({}).health).toEqual({ checkTimeoutMs: 3000, projectionLagSeconds: 120 });
    expect(loadConfig({ HEALTH_CHECK_TIMEOUT_MS: '500', HEALTH_PROJECTION_LAG_SECONDS: '30' }).health).toEqual({
      checkTimeoutMs: 500,
      projectionLagSeconds: 30,
    });
    expect(() => loadConfig({ HEALTH_CHECK_TIMEOUT_MS: '5' })).toThrow(/HEALTH_CHECK_TIMEOUT_MS must be a whole number from 100 to 60000/);
    expect(() => loadConfig({ HEALTH_PROJECTION_LAG_SECONDS: 'soon' })).toThrow(/HEALTH_PROJECTION_LAG_SECONDS/);
  });

  it('reports every problem at once, naming each setting', () => {
    const attempt = (): unknown =>
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', MIGRATE_ON_BOOT: 'maybe', EVENT_STORE: 'mongo', DB_POOL_MAX: '-3' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'MIGRATE_ON_BOOT', 'EVENT_STORE', 'DB_POOL_MAX']) expect(problems).toContain(name);
    }
  });

  it('keeps 2 pool connections for good and the rest a minute by default; a minimum above the maximum is refused', () => {
    expect(loadConfig({})).toMatchObject({ dbPoolMax: 10, dbPoolMin: 2, dbPoolIdleTimeoutMs: 60_000 });
    expect(loadConfig({ DB_POOL_MAX: '1' }).dbPoolMin).toBe(1);
    expect(loadConfig({ DB_POOL_MIN: '0', DB_POOL_IDLE_TIMEOUT_MS: '0' })).toMatchObject({ dbPoolMin: 0, dbPoolIdleTimeoutMs: 0 });
    expect(() => loadConfig({ DB_POOL_MAX: '4', DB_POOL_MIN: '5' })).toThrow(/DB_POOL_MIN must not be more than DB_POOL_MAX/);
    expect(() => loadConfig({ DB_POOL_IDLE_TIMEOUT_MS: '-1' })).toThrow(/DB_POOL_IDLE_TIMEOUT_MS/);
  });

  it('gives sessions 12 h (staff) and 7 d (customers) by default, caches lookups 2 s, and refuses a zero lifetime', () => {
    expect(loadConfig({}).auth).toEqual({ staffSessionTtlMinutes: 720, customerSessionTtlMinutes: 10_080, sessionCacheMs: 2000 });
    expect(loadConfig({ SESSION_CACHE_MS: '0' }).auth.sessionCacheMs).toBe(0);
    expect(() => loadConfig({ SESSION_CACHE_MS: '600000' })).toThrow(/SESSION_CACHE_MS/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/app', HOST: '0.0.0.0' }).auth.staffSessionTtlMinutes).toBe(720);
    expect(() => loadConfig({ CUSTOMER_SESSION_TTL_MINUTES: '0' })).toThrow(/CUSTOMER_SESSION_TTL_MINUTES must be a whole number/);
  });

  it('refuses unknown roles and a retention that deletes before it archives', () => {
    expect(() => loadConfig({ ROLES: 'api,cook' })).toThrow(
      /ROLES must be a comma-separated list of api, projector, reactor, dispatcher, worker/,
    );
    expect(() => loadConfig({ RETENTION_ARCHIVE_AFTER_DAYS: '90', RETENTION_DELETE_ARCHIVED_AFTER_DAYS: '30' })).toThrow(
      /must not be less than RETENTION_ARCHIVE_AFTER_DAYS/,
    );
  });

  it('requires EVENTSTORE_URL when EventStoreDB is chosen', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/needs EVENTSTORE_URL/);
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }).eventStore).toBe('eventstoredb');
  });

  it('refuses the retired AUTOBOLT_API_KEYS, pointing at the import, without echoing the keys', () => {
    const problems = (() => {
      try {
        loadConfig({ AUTOBOLT_API_KEYS: 'secret-key-0123456789abcdef' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(problems).toMatch(/AUTOBOLT_API_KEYS is no longer read: .*api-keys import --name/);
    expect(problems).not.toContain('secret-key');
  });

  it('reads the API key rotation grace (hours, default 24) and stale age (days, default 90)', () => {
    expect(loadConfig({}).apiKeys).toEqual({ rotationGraceHours: 24, staleAfterDays: 90 });
    expect(loadConfig({ API_KEY_ROTATION_GRACE_HOURS: '0', API_KEY_STALE_DAYS: '30' }).apiKeys).toEqual({
      rotationGraceHours: 0,
      staleAfterDays: 30,
    });
    expect(() => loadConfig({ API_KEY_STALE_DAYS: '0' })).toThrow(/API_KEY_STALE_DAYS must be a whole number from 1/);
  });
});

describe('loadConfig: queue, retries, workers, browser and demo', () => {
  it("defaults to the embedded PostgreSQL queue with the seed system's SQS shape and 30/60/120 s backoff", () => {
    const config = loadConfig({});
    expect(config.queue).toMatchObject({
      kind: 'postgres',
      visibilityTimeoutMs: 300_000,
      maxReceiveCount: 3,
      receiveWaitMs: 20_000,
      retentionMs: 4 * 86_400_000,
      deadLetterRetentionMs: 14 * 86_400_000,
      agingMs: 30_000,
    });
    expect(config.retry).toEqual({ maxAttempts: 4, baseDelayMs: 30_000, maxDelayMs: 120_000, minDelayMs: 1000 });
    expect(config.worker).toMatchObject({
      concurrency: 4,
      autoscale: true,
      minConcurrency: 1,
      heartbeatIntervalMs: 30_000,
      staleAfterMs: 120_000,
      jobStallAfterMs: 600_000,
      breakerThreshold: 10,
    });
    expect(config.browser).toMatchObject({ chromiumPath: '/usr/bin/chromium', retireAfter: 200 });
    expect(config.browser.evidenceDir).toMatch(/\/data\/evidence$/);
    expect(config.demo).toEqual({ enabled: true, sandboxPort: 0, directories: 14 });
    expect(config.roles).toEqual(['api', 'projector', 'reactor', 'dispatcher', 'worker']);
  });

  it('chooses SQS when an endpoint is set, with emulator credentials, and turns the demo off with a real database', () => {
    const config = loadConfig({ SQS_ENDPOINT: 'http://127.0.0.1:4566', DATABASE_URL: 'postgres://u@db/app' });
    expect(config.queue.kind).toBe('sqs');
    expect(config.queue.sqs).toMatchObject({
      endpoint: 'http://127.0.0.1:4566',
      queuePrefix: 'directorybolt',
      credentials: { accessKeyId: 'local' },
    });
    expect(config.demo.enabled).toBe(false);
  });

  it('names each bad queue, retry and worker setting', () => {
    const attempt = (): unknown =>
      loadConfig({
        QUEUE: 'kafka',
        SQS_QUEUE_PREFIX: 'bad prefix!',
        SQS_ACCESS_KEY_ID: 'only-one',
        QUEUE_RECEIVE_WAIT_MS: '30000',
        RETRY_MIN_DELAY_MS: '5000',
        RETRY_MAX_DELAY_MS: '1000',
        WORKER_HEARTBEAT_MS: '60000',
        WORKER_STALE_AFTER_MS: '30000',
        WORKER_CONCURRENCY: '2',
        WORKER_MIN_CONCURRENCY: '3',
      });
    try {
      attempt();
      throw new Error('expected a ConfigError');
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const expected of [
        'QUEUE must be one of postgres, sqs',
        'SQS_QUEUE_PREFIX',
        'SQS_ACCESS_KEY_ID and SQS_SECRET_ACCESS_KEY',
        'QUEUE_RECEIVE_WAIT_MS',
        'RETRY_MAX_DELAY_MS must not be less than RETRY_MIN_DELAY_MS',
        'WORKER_STALE_AFTER_MS must be longer than WORKER_HEARTBEAT_MS',
        'WORKER_MIN_CONCURRENCY must not be more than WORKER_CONCURRENCY',
      ]) {
        expect(problems).toContain(expected);
      }
    }
  });

  it('adds the fleet-wide metrics where the api role runs, unless METRICS_FLEET says otherwise', () => {
    expect(loadConfig({}).metricsFleet).toBe(true);
    expect(loadConfig({ ROLES: 'worker,projector' }).metricsFleet).toBe(false);
    expect(loadConfig({ ROLES: 'api', METRICS_FLEET: 'false' }).metricsFleet).toBe(false);
    expect(loadConfig({ ROLES: 'worker', METRICS_FLEET: 'true' }).metricsFleet).toBe(true);
    expect(() => loadConfig({ METRICS_FLEET: 'maybe' })).toThrow(/METRICS_FLEET/);
  });
});
