import type { Pool } from 'pg';
import { createEmbeddedTestDatabase } from './embedded-test-database';
import { createTestDatabase } from './test-database';

export interface BackendDatabase {
  readonly pool: Pool;
  drop(): Promise<void>;
}

export interface TestBackend {
  readonly name: string;
  /** LISTEN/NOTIFY across connections: on a real server only (PGlite over its socket does not carry NOTIFY between connections). */
  readonly listen: boolean;
  /**
   * Connections are separate sessions (advisory locks exclude each other, a session can end on
   * its own). PGlite is one session behind its socket, shared by every client.
   */
  readonly separateSessions: boolean;
  create(): Promise<BackendDatabase>;
}

/** The two databases the app runs on: the machine's PostgreSQL and embedded PGlite. */
export const TEST_BACKENDS: readonly TestBackend[] = [
  { name: 'machine PostgreSQL', listen: true, separateSessions: true, create: () => createTestDatabase() },
  { name: 'PGlite', listen: false, separateSessions: false, create: () => createEmbeddedTestDatabase() },
];
