import { isAbsolute, join } from 'node:path';
import { APP_ROOT } from '../database/app-paths';
import { EnvReader, type Env } from './env-reader';
import { isLoopbackHost } from './loopback-host';
import { readQueueConfig, readRetryConfig, readWorkerConfig, type QueueConfig, type RetryConfig, type WorkerConfig } from './queue-config';

export type { QueueConfig, RetryConfig, WorkerConfig } from './queue-config';
import { readBrowserConfig, readDemoConfig, type BrowserConfig, type DemoConfig } from './browser-config';

export type { BrowserConfig, DemoConfig } from './browser-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type EventStoreKind = 'postgres' | 'eventstoredb';
/** api: HTTP; projector: read models; reactor: job progress; dispatcher: the outbox; worker: submissions. */
export type Role = 'api' | 'projector' | 'reactor' | 'dispatcher' | 'worker';
export const ALL_ROLES: readonly Role[] = ['api', 'projector', 'reactor', 'dispatcher', 'worker'];
/** Only for embedded mode on a loopback HOST; otherwise a real token must be configured. */
export const EMBEDDED_STAFF_TOKEN = 'dev-staff-token';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Absent: embedded PGlite under dataDir, served on embeddedPgPort. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly dbPoolMax: number;
  readonly dbStatementTimeoutMs: number;
  readonly migrateOnBoot: boolean;
  readonly eventStore: EventStoreKind;
  readonly eventStoreUrl: string | null;
  readonly maxEventBytes: number;
  readonly subscriptionPollMs: number;
  /** What this process runs; one process runs them all by default. */
  readonly roles: readonly Role[];
  readonly staffApiToken: string;
  /** X-API-Key values accepted on /api/autobolt/*; empty: only staff may call them. */
  readonly autoboltApiKeys: readonly string[];
  readonly httpBodyLimitBytes: number;
  readonly projectionBatchSize: number;
  readonly projectionRebuildBatchSize: number;
  /** Same listing, same directory, inside this many days: one submission (audit §3.2). */
  readonly idempotencyWindowDays: number;
  readonly retention: RetentionConfig;
  readonly queue: QueueConfig;
  readonly retry: RetryConfig;
  readonly worker: WorkerConfig;
  readonly browser: BrowserConfig;
  readonly demo: DemoConfig;
}

export interface RetentionConfig {
  /** queue_history rows older than this move to queue_history_archive. */
  readonly archiveAfterDays: number;
  /** Archived rows older than this are deleted. */
  readonly deleteArchivedAfterDays: number;
  /** Also write archived rows as NDJSON under $DATA_DIR/archive. */
  readonly ndjson: boolean;
  /** How often the scheduled run happens; 0 turns the schedule off (the CLI still works). */
  readonly intervalMinutes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The only reader of process.env. Every setting has an embedded-mode default. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const config: AppConfig = {
    port: read.int('PORT', 3000, 0, 65535),
    host: read.string('HOST', '127.0.0.1'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolvePath(read.string('DATA_DIR', './data')),
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 0, 0, 65535),
    dbPoolMax: read.int('DB_POOL_MAX', 10, 1, 1000),
    dbStatementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    migrateOnBoot: read.bool('MIGRATE_ON_BOOT', true),
    eventStore: read.oneOf('EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres'),
    eventStoreUrl: read.url('EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:']),
    maxEventBytes: read.int('EVENT_MAX_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    subscriptionPollMs: read.int('SUBSCRIPTION_POLL_MS', 1000, 10, 60_000),
    roles: read.list('ROLES', ALL_ROLES, ALL_ROLES),
    staffApiToken: read.string('STAFF_API_TOKEN', ''),
    autoboltApiKeys: readApiKeys(read.string('AUTOBOLT_API_KEYS', ''), problems),
    httpBodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    projectionBatchSize: read.int('PROJECTION_BATCH_SIZE', 1000, 1, 10_000),
    projectionRebuildBatchSize: read.int('PROJECTION_REBUILD_BATCH_SIZE', 5000, 1, 10_000),
    idempotencyWindowDays: read.int('IDEMPOTENCY_WINDOW_DAYS', 30, 1, 3650),
    retention: {
      archiveAfterDays: read.int('RETENTION_ARCHIVE_AFTER_DAYS', 90, 1, 36_500),
      deleteArchivedAfterDays: read.int('RETENTION_DELETE_ARCHIVED_AFTER_DAYS', 365, 1, 36_500),
      ndjson: read.bool('RETENTION_NDJSON', false),
      intervalMinutes: read.int('RETENTION_INTERVAL_MINUTES', 60, 0, 10_080),
    },
    queue: readQueueConfig(read, problems),
    retry: readRetryConfig(read, problems),
    worker: readWorkerConfig(read, problems),
    browser: readBrowserConfig(read, resolvePath(read.string('DATA_DIR', './data'))),
    demo: readDemoConfig(read, !env.DATABASE_URL?.trim()),
  };
  if (!config.staffApiToken) {
    if (config.databaseUrl) problems.push('STAFF_API_TOKEN is required when DATABASE_URL is set (the built-in token is for embedded mode only)');
    // The built-in token is public: it may only guard an API that nothing outside this machine can reach.
    else if (!isLoopbackHost(config.host)) problems.push(`STAFF_API_TOKEN is required when HOST is not a loopback address (got "${config.host}"; the built-in token is for a local API only)`);
    else (config as { staffApiToken: string }).staffApiToken = EMBEDDED_STAFF_TOKEN;
  }
  if (config.staffApiToken && config.staffApiToken.length < 12) problems.push('STAFF_API_TOKEN must be at least 12 characters');
  if (config.retention.deleteArchivedAfterDays < config.retention.archiveAfterDays) {
    problems.push('RETENTION_DELETE_ARCHIVED_AFTER_DAYS must not be less than RETENTION_ARCHIVE_AFTER_DAYS');
  }
  if (config.eventStore === 'eventstoredb' && !config.eventStoreUrl) {
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const MIN_API_KEY_LENGTH = 24;
const API_KEY = /^[\x21-\x7E]+$/;

/** Problems name the key by position only: a key must never reach a log line. */
function readApiKeys(value: string, problems: string[]): readonly string[] {
  const keys = value.split(',').map((key) => key.trim()).filter((key) => key !== '');
  keys.forEach((key, index) => {
    if (key.length < MIN_API_KEY_LENGTH || !API_KEY.test(key)) {
      problems.push(`AUTOBOLT_API_KEYS: key ${index + 1} must be at least ${MIN_API_KEY_LENGTH} visible ASCII characters without spaces`);
    }
  });
  return [...new Set(keys)];
}

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : join(APP_ROOT, path);
}
