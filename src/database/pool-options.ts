import type { PoolConfig } from 'pg';
import type { AppConfig } from '../config/app-config';

type PoolSettings = Pick<AppConfig, 'dbPoolMax' | 'dbPoolMin' | 'dbPoolIdleTimeoutMs' | 'dbStatementTimeoutMs'>;

/**
 * The app's pool. pg closes a connection idle for 10 s by default and hands out the most recently
 * used one first, so under steady load the deeper connections idle out and the next burst opens
 * new ones (a startup on the request's path: the API's tail latency). The pool keeps `dbPoolMin`
 * for good and the rest for `dbPoolIdleTimeoutMs`.
 */
export function poolOptions(config: PoolSettings, connectionString: string): PoolConfig {
  return {
    connectionString,
    max: config.dbPoolMax,
    min: config.dbPoolMin,
    idleTimeoutMillis: config.dbPoolIdleTimeoutMs,
    statement_timeout: config.dbStatementTimeoutMs || undefined,
    application_name: 'directorybolt',
  };
}
