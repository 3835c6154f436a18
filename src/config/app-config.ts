import { isAbsolute, join } from 'node:path';
import { APP_ROOT } from '../database/app-paths';
import { ALL_CONFIG_SECTIONS, type ConfigSection } from './config-sections';
import { readCustomerApiConfig, type CustomerApiConfig } from './customer-api-config';
import { EnvReader, type Env } from './env-reader';
import { readHealthConfig, type HealthConfig } from './health-config';
import { readScalingConfig, type ScalingConfig } from './scaling-config';
import { readAlertsConfig, type AlertsConfig } from './alerts-config';
import { readMappingServiceConfig, type MappingServiceConfig } from './mapping-service-config';
import { readHttpConfig, type HttpConfig } from './http-config';
import { readLoggingConfig, type LoggingConfig } from './logging-config';
import { withSecretFiles } from './secret-files';
import { readOutboundConfig, readSecurityConfig, type OutboundConfig, type SecurityConfig } from './security-config';
import { readQueueConfig, readRetryConfig, readWorkerConfig, type QueueConfig, type RetryConfig, type WorkerConfig } from './queue-config';

export type { QueueConfig, RetryConfig, WorkerConfig } from './queue-config';
import { readBrowserConfig, readDemoConfig, type BrowserConfig, type DemoConfig } from './browser-config';

export type { BrowserConfig, DemoConfig } from './browser-config';
export type { AuthConfig } from './auth-config';
export type { LoggingConfig } from './logging-config';
export type { CustomerApiConfig, RunApproval } from './customer-api-config';
export type { HealthConfig } from './health-config';
export type { ScalingConfig } from './scaling-config';
export type { AlertsConfig, AlertThresholds, AlertWebhooksConfig } from './alerts-config';
export type { MappingServiceConfig } from './mapping-service-config';
export type { OutboundConfig, RateLimitConfig, SecurityConfig } from './security-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type EventStoreKind = 'postgres' | 'eventstoredb';
/** api: HTTP; projector: read models; reactor: job progress; dispatcher: the outbox; worker: submissions. */
export type Role = 'api' | 'projector' | 'reactor' | 'dispatcher' | 'worker';
export const ALL_ROLES: readonly Role[] = ['api', 'projector', 'reactor', 'dispatcher', 'worker'];

/** HTTP settings (port, host, session lifetimes, API keys, body limit) come from HttpConfig. */
export interface AppConfig extends HttpConfig {
  /** Absent: embedded PGlite under dataDir, served on embeddedPgPort. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly dbPoolMax: number;
  /** Connections the pool keeps however long they idle: a burst above them pays for new ones. */
  readonly dbPoolMin: number;
  /** An idle connection above dbPoolMin closes after this long; 0 keeps them all. */
  readonly dbPoolIdleTimeoutMs: number;
  readonly dbStatementTimeoutMs: number;
  readonly migrateOnBoot: boolean;
  readonly eventStore: EventStoreKind;
  readonly eventStoreUrl: string | null;
  readonly maxEventBytes: number;
  readonly subscriptionPollMs: number;
  /** What this process runs; one process runs them all by default. */
  readonly roles: readonly Role[];
  /** Whether /api/metrics adds the fleet-wide gauges read from the database (default: with the `api` role). */
  readonly metricsFleet: boolean;
  readonly projectionBatchSize: number;
  readonly projectionRebuildBatchSize: number;
  /** Same listing, same directory, inside this many days: one submission (docs/requirements.md R-IDEMP-1). */
  readonly idempotencyWindowDays: number;
  readonly retention: RetentionConfig;
  readonly queue: QueueConfig;
  readonly retry: RetryConfig;
  readonly worker: WorkerConfig;
  readonly browser: BrowserConfig;
  readonly demo: DemoConfig;
  /** CORS and rate limits of the HTTP API. */
  readonly security: SecurityConfig;
  readonly outbound: OutboundConfig;
  /** LOG_LEVEL and LOG_FORMAT of the app's logger (the CLI keeps its human output). */
  readonly logging: LoggingConfig;
  /** /api/submissions run approval and the catalog's success-rate window. */
  readonly customerApi: CustomerApiConfig;
  /** What the health endpoints wait for and call degraded. */
  readonly health: HealthConfig;
  /** The autoscaling signal's bounds and hysteresis (GET /api/admin/scaling, dbolt_scaling_desired_workers). */
  readonly scaling: ScalingConfig;
  /** Alert rules' schedule, thresholds and webhooks (src/alerts/). */
  readonly alerts: AlertsConfig;
  /** The optional mapping service workers ask when detection is uncertain (off without MAPPING_SERVICE_URL). */
  readonly mappingService: MappingServiceConfig;
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

/**
 * The only reader of process.env. Every setting has an embedded-mode default; secrets may come
 * from files instead (`<NAME>_FILE`, see secret-files.ts). Only the problems
 * of the `sections` this process uses stop it (the app: all of them).
 */
export function loadConfig(given: Env = process.env, sections: readonly ConfigSection[] = ALL_CONFIG_SECTIONS): AppConfig {
  const problems: Record<ConfigSection, string[]> = {
    http: [],
    database: [],
    eventStore: [],
    projections: [],
    retention: [],
    runtime: [],
    outbound: [],
  };
  const env = withSecretFiles(given, problems);
  const section = (name: ConfigSection): SectionReader => ({ read: new EnvReader(env, problems[name]), problems: problems[name] });
  const database = readDatabaseConfig(section('database'));
  const http = section('http');
  const runtime = section('runtime');
  const roles = runtime.read.list('ROLES', ALL_ROLES, ALL_ROLES);
  const config: AppConfig = {
    ...readHttpConfig(http.read, http.problems),
    ...database,
    ...readEventStoreConfig(section('eventStore')),
    ...readProjectionConfig(section('projections').read),
    ...readRetention(section('retention')),
    roles,
    metricsFleet: runtime.read.bool('METRICS_FLEET', roles.includes('api')),
    queue: readQueueConfig(runtime.read, runtime.problems),
    retry: readRetryConfig(runtime.read, runtime.problems),
    worker: readWorkerConfig(runtime.read, runtime.problems),
    browser: readBrowserConfig(runtime.read, database.dataDir, runtime.problems),
    demo: readDemoConfig(runtime.read, !env.DATABASE_URL?.trim()),
    security: readSecurityConfig(http.read, http.problems),
    outbound: readOutboundConfig(section('outbound').read, problems.outbound),
    logging: readLoggingConfig(runtime.read),
    customerApi: readCustomerApiConfig(http.read),
    health: readHealthConfig(http.read),
    scaling: readScalingConfig(runtime.read, runtime.problems),
    alerts: readAlertsConfig(runtime.read, runtime.problems),
    mappingService: readMappingServiceConfig(runtime.read),
  };
  const found = [...new Set(sections)].flatMap((name) => problems[name]);
  if (found.length > 0) throw new ConfigError(found);
  return config;
}

/** Reads one section's settings into that section's problems. */
interface SectionReader {
  readonly read: EnvReader;
  readonly problems: string[];
}

type DatabaseConfig = Pick<
  AppConfig,
  | 'databaseUrl'
  | 'dataDir'
  | 'embeddedPgPort'
  | 'dbPoolMax'
  | 'dbPoolMin'
  | 'dbPoolIdleTimeoutMs'
  | 'dbStatementTimeoutMs'
  | 'migrateOnBoot'
>;

function readDatabaseConfig({ read, problems }: SectionReader): DatabaseConfig {
  const dbPoolMax = read.int('DB_POOL_MAX', 10, 1, 1000);
  const config: DatabaseConfig = {
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolvePath(read.string('DATA_DIR', './data')),
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 0, 0, 65535),
    dbPoolMax,
    dbPoolMin: read.int('DB_POOL_MIN', Math.min(2, dbPoolMax), 0, 1000),
    dbPoolIdleTimeoutMs: read.int('DB_POOL_IDLE_TIMEOUT_MS', 60_000, 0, 86_400_000),
    dbStatementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    migrateOnBoot: read.bool('MIGRATE_ON_BOOT', true),
  };
  if (config.dbPoolMin > config.dbPoolMax) problems.push('DB_POOL_MIN must not be more than DB_POOL_MAX');
  return config;
}

type EventStoreConfig = Pick<AppConfig, 'eventStore' | 'eventStoreUrl' | 'maxEventBytes' | 'subscriptionPollMs'>;

function readEventStoreConfig({ read, problems }: SectionReader): EventStoreConfig {
  const config: EventStoreConfig = {
    eventStore: read.oneOf('EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres'),
    eventStoreUrl: read.url('EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:']),
    maxEventBytes: read.int('EVENT_MAX_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    subscriptionPollMs: read.int('SUBSCRIPTION_POLL_MS', 1000, 10, 60_000),
  };
  if (config.eventStore === 'eventstoredb' && !config.eventStoreUrl) {
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)');
  }
  return config;
}

function readProjectionConfig(read: EnvReader): Pick<AppConfig, 'projectionBatchSize' | 'projectionRebuildBatchSize'> {
  return {
    projectionBatchSize: read.int('PROJECTION_BATCH_SIZE', 1000, 1, 10_000),
    projectionRebuildBatchSize: read.int('PROJECTION_REBUILD_BATCH_SIZE', 5000, 1, 10_000),
  };
}

function readRetention({ read, problems }: SectionReader): Pick<AppConfig, 'retention' | 'idempotencyWindowDays'> {
  const retention: RetentionConfig = {
    archiveAfterDays: read.int('RETENTION_ARCHIVE_AFTER_DAYS', 90, 1, 36_500),
    deleteArchivedAfterDays: read.int('RETENTION_DELETE_ARCHIVED_AFTER_DAYS', 365, 1, 36_500),
    ndjson: read.bool('RETENTION_NDJSON', false),
    intervalMinutes: read.int('RETENTION_INTERVAL_MINUTES', 60, 0, 10_080),
  };
  if (retention.deleteArchivedAfterDays < retention.archiveAfterDays) {
    problems.push('RETENTION_DELETE_ARCHIVED_AFTER_DAYS must not be less than RETENTION_ARCHIVE_AFTER_DAYS');
  }
  return { retention, idempotencyWindowDays: read.int('IDEMPOTENCY_WINDOW_DAYS', 30, 1, 3650) };
}

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : join(APP_ROOT, path);
}
