import { isAbsolute, join } from 'node:path';
import { APP_ROOT } from '../database/app-paths';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type Role = 'api' | 'projector' | 'reactor';
export const ALL_ROLES: readonly Role[] = ['api', 'projector', 'reactor'];
/** Only for embedded mode; with DATABASE_URL a real token must be configured. */
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
  readonly httpBodyLimitBytes: number;
  readonly projectionBatchSize: number;
  readonly projectionRebuildBatchSize: number;
  /** Same listing, same directory, inside this many days: one submission (audit §3.2). */
  readonly idempotencyWindowDays: number;
  readonly retention: RetentionConfig;
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

type Env = Readonly<Record<string, string | undefined>>;

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
  };
  if (!config.staffApiToken) {
    if (config.databaseUrl) problems.push('STAFF_API_TOKEN is required when DATABASE_URL is set (the built-in token is for embedded mode only)');
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

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : join(APP_ROOT, path);
}

class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  list<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (items.length === 0 || unknown.length > 0) {
      this.problems.push(`${name} must be a comma-separated list of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return [...new Set(items)] as T[];
  }

  url(name: string, protocols: readonly string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return null;
    }
    if (!protocols.includes(protocol)) {
      this.problems.push(`${name} must start with ${protocols.join(' or ')}//`);
      return null;
    }
    return value;
  }
}
