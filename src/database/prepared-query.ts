import type { QueryConfig } from 'pg';
import type { DatabaseMode } from './database';

/**
 * A hot read as a named statement on a real server: each connection parses and plans it once, not
 * on every request (planning the list query costs several times what running it does). Embedded
 * PGlite is one session behind every connection, so a name one connection prepared would clash
 * with the next one preparing it: there the text goes each time.
 */
export function preparedQuery(mode: DatabaseMode, name: string, text: string, values: readonly unknown[]): QueryConfig {
  return mode === 'external' ? { name, text, values: [...values] } : { text, values: [...values] };
}
