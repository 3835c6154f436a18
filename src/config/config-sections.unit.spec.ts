import { configProblems as problemsOf } from '../../test/support/config-problems';
import { loadConfig } from './app-config';
import { cliConfigSections } from './config-sections';

const DATABASE_URL = 'postgres://u@db:5432/app';
/** Each of these would stop a process that serves HTTP. */
const BAD_HTTP = {
  PORT: '70000',
  HOST: '0.0.0.0',
  STAFF_SESSION_TTL_MINUTES: '0',
  AUTOBOLT_API_KEYS: 'retired-key',
  HTTP_BODY_LIMIT_BYTES: '1',
};

describe('loadConfig per CLI command', () => {
  it('migrate, import, audit, events, projections, retention and accounts run on DATABASE_URL alone, without HTTP settings', () => {
    for (const command of ['migrate', 'directories', 'audit', 'events', 'projections', 'retention', 'accounts']) {
      const config = loadConfig({ DATABASE_URL }, cliConfigSections(command));
      expect(config.databaseUrl).toBe(DATABASE_URL);
    }
  });

  it('does not validate HTTP settings for any CLI command', () => {
    for (const command of ['migrate', 'directories', 'audit', 'events', 'projections', 'retention', 'accounts', undefined]) {
      expect(problemsOf(() => loadConfig({ DATABASE_URL, ...BAD_HTTP }, cliConfigSections(command)))).toBe('');
    }
  });

  it('migrate validates only the database settings', () => {
    const sections = cliConfigSections('migrate');
    expect(problemsOf(() => loadConfig({ EVENT_STORE: 'eventstoredb', RETENTION_NDJSON: 'maybe', QUEUE: 'kafka' }, sections))).toBe('');
    const problems = problemsOf(() => loadConfig({ DATABASE_URL: 'mysql://x', DB_POOL_MAX: '0', MIGRATE_ON_BOOT: 'maybe' }, sections));
    for (const name of ['DATABASE_URL', 'DB_POOL_MAX', 'MIGRATE_ON_BOOT']) expect(problems).toContain(name);
  });

  it('a command still refuses a bad setting it uses', () => {
    expect(problemsOf(() => loadConfig({ DATABASE_URL, EVENT_STORE: 'eventstoredb' }, cliConfigSections('audit')))).toContain(
      'needs EVENTSTORE_URL',
    );
    expect(problemsOf(() => loadConfig({ DATABASE_URL, RETENTION_NDJSON: 'maybe' }, cliConfigSections('retention')))).toContain(
      'RETENTION_NDJSON',
    );
    expect(problemsOf(() => loadConfig({ DATABASE_URL, RETENTION_NDJSON: 'maybe' }, cliConfigSections('audit')))).toBe('');
    expect(problemsOf(() => loadConfig({ PROJECTION_BATCH_SIZE: '0' }, cliConfigSections('projections')))).toContain(
      'PROJECTION_BATCH_SIZE',
    );
  });

  it('the app (every section) still asks for every setting, HTTP included', () => {
    const problems = problemsOf(() => loadConfig({ DATABASE_URL, ...BAD_HTTP }));
    for (const name of ['PORT', 'STAFF_SESSION_TTL_MINUTES', 'AUTOBOLT_API_KEYS', 'HTTP_BODY_LIMIT_BYTES'])
      expect(problems).toContain(name);
    // No shared token any more: a real server boots on DATABASE_URL alone, and staff sign in.
    expect(problemsOf(() => loadConfig({ DATABASE_URL, HOST: '0.0.0.0' }))).toBe('');
  });
});
