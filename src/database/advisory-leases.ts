import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { ACQUIRE_LEASE_SQL, RELEASE_LEASES_SQL, RENEW_LEASES_SQL } from './lease-sql';

export interface LeaseOptions {
  /** A lease its holder has not renewed for this long may be taken by another holder. */
  readonly ttlMs?: number;
  readonly renewEveryMs?: number;
  /** How operators see the holder ("who runs this projection?"). */
  readonly holder?: string;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

/**
 * Named leases with a holder identity, rows of the `leases` table: whoever holds a name is its
 * only runner across processes (one per projection, one per reaction, one per periodic duty).
 * Advisory in the sense that runners cooperate: they check `isHeld` before acting and stand down
 * when it turns false. Not PostgreSQL advisory locks, which behind the embedded server exclude
 * nothing (one shared session, re-entrant locks). Held leases are renewed in the background; one
 * whose renewal has not got through within the TTL counts as lost here before anyone may take it.
 */
export class AdvisoryLeases {
  readonly holderId = randomUUID();
  readonly holder: string;
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private client: PoolClient | null = null;
  /** Shared while connecting, so runners starting together do not each open (and leak) one. */
  private connecting: Promise<PoolClient> | null = null;
  /** Name → until when (performance.now()) this holder may act on it without a renewal. */
  private readonly validUntil = new Map<string, number>();
  /** Names whose row may still name this holder: released on close even after a lost connection. */
  private readonly claimed = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private renewal: NodeJS.Timeout | null = null;
  /** A renewal still waiting on a slow or lost connection: the next tick does not queue another. */
  private renewing = false;

  constructor(
    private readonly pool: Pool,
    options: LeaseOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    this.holder = options.holder ?? `${basename(process.argv[1] ?? 'node')} (pid ${process.pid} on ${hostname()})`;
  }

  async tryAcquire(name: string): Promise<boolean> {
    if (this.isHeld(name)) return true;
    const sentAt = performance.now();
    const { rows } = await this.query(ACQUIRE_LEASE_SQL, [name, this.holderId, this.holder, this.ttlMs]);
    if (rows.length === 0) {
      this.validUntil.delete(name);
      return false;
    }
    this.claimed.add(name);
    this.validUntil.set(name, sentAt + this.ttlMs);
    this.renewal ??= setInterval(() => void this.renew(), this.renewEveryMs).unref();
    return true;
  }

  isHeld(name: string): boolean {
    return performance.now() < (this.validUntil.get(name) ?? 0);
  }

  async release(name: string): Promise<void> {
    this.validUntil.delete(name);
    if (!this.claimed.delete(name)) return;
    await this.query(RELEASE_LEASES_SQL, [this.holderId, [name]]).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    this.validUntil.clear();
    const names = [...this.claimed];
    this.claimed.clear();
    if (names.length > 0) await this.query(RELEASE_LEASES_SQL, [this.holderId, names]).catch(() => undefined);
    const client = this.client;
    this.client = null;
    client?.release();
  }

  /** Extends every lease still held; one that another holder has taken is dropped at once. */
  private async renew(): Promise<void> {
    const names = [...this.validUntil.keys()];
    if (names.length === 0 || this.renewing) return;
    this.renewing = true;
    const sentAt = performance.now();
    const { rows } = await this.query<{ name: string }>(RENEW_LEASES_SQL, [this.holderId, names, this.ttlMs])
      .catch(() => ({ rows: null }))
      .finally(() => (this.renewing = false));
    if (rows === null) return; // the claims run out by themselves unless a later renewal gets through
    const kept = new Set(rows.map((row) => row.name));
    for (const name of names) {
      if (!this.validUntil.has(name)) continue; // released meanwhile
      if (kept.has(name)) this.validUntil.set(name, sentAt + this.ttlMs);
      else this.validUntil.delete(name);
    }
  }

  /** One query at a time on the holder's connection (pg deprecates overlapping client.query calls). */
  private query<Row extends object>(sql: string, params: unknown[]): Promise<{ rows: Row[] }> {
    const run = this.queue.then(async () => (await this.connection()).query<Row>(sql, params));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private connection(): Promise<PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** The holder's own connection: its server session is what says, on a real server, that it is alive. */
  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    client.on('error', () => {
      if (this.client !== client) return;
      this.client = null;
      this.validUntil.clear();
      client.release(true);
    });
    this.client = client;
    return client;
  }
}
