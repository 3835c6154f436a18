import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Pool } from 'pg';
import { EmbeddedPostgres } from '../database/embedded-postgres';

/** One side of a copy: a pool, what to call it in output, and how to let it go. */
export interface CopyEndpoint {
  readonly pool: Pool;
  readonly label: string;
  close(): Promise<void>;
}

const EMBEDDED = /^embedded(?::(.+))?$/;

/**
 * `embedded` (this configuration's data directory) or `embedded:<data dir>` opens that
 * embedded database here (it must not be in use); anything else is a postgres:// URL.
 */
export async function openSource(spec: string, defaultDataDir: string): Promise<CopyEndpoint> {
  const embedded = EMBEDDED.exec(spec);
  if (!embedded) return openUrl(spec);
  const dataDir = embedded[1] ? (isAbsolute(embedded[1]) ? embedded[1] : resolve(embedded[1])) : defaultDataDir;
  // Starting PGlite on a missing folder would create an empty database there.
  if (!existsSync(join(dataDir, 'pg'))) throw new Error(`There is no embedded database in ${dataDir} (no pg folder)`);
  const server = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pg'), port: 0, maxConnections: 4 });
  const pool = new Pool({ connectionString: server.connectionString, max: 2, application_name: 'directorybolt-copy' });
  pool.on('error', () => undefined);
  return {
    pool,
    label: `the embedded database in ${dataDir}`,
    close: async () => {
      await pool.end();
      await server.stop();
    },
  };
}

export function openUrl(url: string): CopyEndpoint {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`"${redact(url)}" is neither a postgres:// URL nor embedded[:<data dir>]`);
  const pool = new Pool({ connectionString: url, max: 4, application_name: 'directorybolt-copy' });
  pool.on('error', () => undefined);
  return { pool, label: redact(url), close: () => pool.end() };
}

/** URLs are printed without their password. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
