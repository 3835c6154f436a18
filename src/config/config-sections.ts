/**
 * Settings grouped by what uses them. A process validates only the groups it uses: migrating a
 * database must not stop for want of the HTTP API's token. Settings of a group left unvalidated
 * fall back to their defaults, unused.
 */
export type ConfigSection =
  /** PORT, HOST, STAFF_SESSION_TTL_MINUTES, CUSTOMER_SESSION_TTL_MINUTES, SESSION_CACHE_MS, API_KEY_*, HTTP_BODY_LIMIT_BYTES, CORS_ORIGINS, RATE_LIMIT_*, SUBMISSION_RUN_APPROVAL, DIRECTORY_SUCCESS_WINDOW_DAYS, HEALTH_* (and the refusal of the retired AUTOBOLT_API_KEYS). */
  | 'http'
  /** DATABASE_URL, DATA_DIR, EMBEDDED_PG_PORT, DB_POOL_MAX/MIN/IDLE_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS, MIGRATE_ON_BOOT. */
  | 'database'
  /** EVENT_STORE, EVENTSTORE_URL, EVENT_MAX_BYTES, SUBSCRIPTION_POLL_MS. */
  | 'eventStore'
  /** PROJECTION_BATCH_SIZE, PROJECTION_REBUILD_BATCH_SIZE. */
  | 'projections'
  /** RETENTION_*, and IDEMPOTENCY_WINDOW_DAYS, whose bookkeeping a retention pass cleans up. */
  | 'retention'
  /** What the app's roles run: ROLES, the queue, retries, workers, the browser, the demo; LOG_LEVEL, LOG_FORMAT; SCALING_*; ALERT_*, ALERTS_INTERVAL_MS; MAPPING_SERVICE_*. */
  | 'runtime'
  /** DIRECTORY_URL_ALLOWLIST: which forbidden addresses directory URLs may still reach (import, worker). */
  | 'outbound';

/** The app always listens on HTTP (every role), so it validates everything. */
export const ALL_CONFIG_SECTIONS: readonly ConfigSection[] = [
  'http',
  'database',
  'eventStore',
  'projections',
  'retention',
  'runtime',
  'outbound',
];

/** `migrate` boots only the database; every other command also boots the event store. */
const CLI_COMMAND_SECTIONS: Readonly<Record<string, readonly ConfigSection[]>> = {
  migrate: ['database'],
  accounts: ['database', 'eventStore'],
  audit: ['database', 'eventStore'],
  events: ['database', 'eventStore'],
  directories: ['database', 'eventStore', 'outbound'],
  'api-keys': ['database', 'eventStore'],
  projections: ['database', 'eventStore', 'projections'],
  retention: ['database', 'eventStore', 'retention'],
};

/** Help and unknown commands: what the CLI boots for any command but migrate. */
const CLI_DEFAULT_SECTIONS: readonly ConfigSection[] = ['database', 'eventStore', 'projections', 'retention'];

/** The sections a CLI command line uses, by its first word (`projections rebuild` → `projections`). */
export function cliConfigSections(command: string | undefined): readonly ConfigSection[] {
  return command !== undefined && Object.hasOwn(CLI_COMMAND_SECTIONS, command) ? CLI_COMMAND_SECTIONS[command] : CLI_DEFAULT_SECTIONS;
}
