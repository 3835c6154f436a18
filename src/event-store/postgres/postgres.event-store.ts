import type { Pool } from 'pg';
import { prepareAppend, type PreparedEvent, validateReadAll, validateReadStream, validateSubscribe } from '../append-validation';
import { InvalidAppendError, InvalidEventDataError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AllSlice,
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamSlice,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { decodePgCheckpoint, encodePgCheckpoint } from './pg-checkpoint';
import { READ_ALL_FILTERED_SQL, READ_ALL_SQL, readStreamSql, toRecordedEvent, type EventRow } from './pg-event-rows';
import { PollingSubscription } from './postgres.subscription';
import { ChannelWake } from '../../database/channel-wake';
import type { SqlReader } from '../../database/read-batch';

export interface PostgresEventStoreOptions {
  readonly maxEventBytes: number;
  /** How often an idle subscription re-reads when no wake-up came (the fallback). */
  readonly pollIntervalMs: number;
  /** Wake-ups across processes (LISTEN/NOTIFY); off for PGlite, where NOTIFY does not cross connections. */
  readonly listen: boolean;
}

interface AppendRow {
  readonly next_version: string;
  readonly last_position: string;
  readonly last_transaction_id: string;
  readonly appended: boolean;
}

interface FilteredRow extends EventRow {
  readonly matches: boolean;
  readonly scanned: number;
}

interface StreamRow extends EventRow {
  readonly current_version: string;
}

/** NOTIFY channel of committed appends (other processes' subscriptions listen on it). */
export const EVENTS_CHANNEL = 'dbolt_events';
const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;
const UNIQUE_VIOLATION = '23505';

export class PostgresEventStore implements EventStore {
  readonly name = 'postgres' as const;
  private readonly wake: ChannelWake;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.wake = new ChannelWake(pool, EVENTS_CHANNEL, options.listen);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, options, this.options.maxEventBytes);
    const { kind, version } = splitExpected(options.expectedVersion);
    const row = await this.callAppend([streamId, kind, version, toEventsJson(prepared)], streamId, options.expectedVersion);
    if (row.appended) this.wake.changed();
    const position = BigInt(row.last_position);
    return {
      nextVersion: Number(row.next_version),
      lastPosition: position,
      checkpoint: encodePgCheckpoint({ transactionId: row.last_transaction_id, position }),
      appended: row.appended,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamSlice> {
    validateReadStream(streamId, options);
    const direction = options.direction ?? 'forwards';
    const from = options.fromVersion ?? (direction === 'forwards' ? 1 : Number.MAX_SAFE_INTEGER);
    const limit = options.maxCount ?? null;
    const { rows } = await this.pool.query<StreamRow>(readStreamSql(direction), [streamId, from, limit]);
    const version = rows.length > 0 ? Number(rows[0].current_version) : 0;
    const events = rows.filter((row) => row.position !== null).map(toRecordedEvent);
    return { streamId, version, events };
  }

  async readAll(options: ReadAllOptions = {}): Promise<AllSlice> {
    validateReadAll(options);
    const after = decodePgCheckpoint(options.after);
    const limit = Math.min(options.maxCount ?? DEFAULT_PAGE, MAX_PAGE);
    const params = [after.transactionId, after.position.toString(), limit];
    if (options.eventTypes) return this.readAllFiltered(params, options.eventTypes, options.after ?? null);
    const { rows } = await this.pool.query<EventRow>(READ_ALL_SQL, params);
    const events = rows.map(toRecordedEvent);
    const checkpoint = events.length > 0 ? events[events.length - 1].checkpoint : (options.after ?? null);
    return { events, checkpoint, isEnd: rows.length < limit };
  }

  private async readAllFiltered(params: unknown[], eventTypes: readonly string[], after: Checkpoint | null): Promise<AllSlice> {
    const { rows } = await this.pool.query<FilteredRow>(READ_ALL_FILTERED_SQL, [...params, eventTypes]);
    if (rows.length === 0) return { events: [], checkpoint: after, isEnd: true };
    const last = toRecordedEvent(rows[rows.length - 1]);
    const events = rows.filter((row) => row.matches).map(toRecordedEvent);
    return { events, checkpoint: last.checkpoint, isEnd: rows[0].scanned < (params[2] as number) };
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (options.from) decodePgCheckpoint(options.from);
    validateSubscribe(options);
    const subscription = new PollingSubscription(
      { readAll: (o) => this.readAll(o), wake: this.wake, pollIntervalMs: this.options.pollIntervalMs },
      { ...options, from: options.from ?? null, batchSize: Math.min(options.batchSize ?? DEFAULT_PAGE, MAX_PAGE) },
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** How far a reader at `after` is behind: events past it and the age of the oldest of them. */
  async lagAfter(after: Checkpoint | null, reader: SqlReader = this.pool): Promise<{ events: number; seconds: number }> {
    const at = decodePgCheckpoint(after);
    const { rows } = await reader.query<{ events: number; seconds: number | null }>(
      `SELECT count(*)::int AS events, extract(epoch FROM now() - min(recorded_at))::float8 AS seconds
       FROM events e WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)`,
      [at.transactionId, at.position.toString()],
    );
    return { events: rows[0].events, seconds: Math.max(0, rows[0].seconds ?? 0) };
  }

  /** Stops the subscriptions and the listener. The pool belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.wake.close();
  }

  private async callAppend(params: unknown[], streamId: string, expected: ExpectedVersion): Promise<AppendRow> {
    const sql = 'SELECT * FROM append_to_stream($1, $2, $3, $4::jsonb, $5)';
    try {
      return (await this.pool.query<AppendRow>(sql, [...params, false])).rows[0];
    } catch (error) {
      // An event id already stored, or a version that moved (perhaps because this very append
      // already landed and is being retried): the second call drops stored events first, so a
      // retry is a no-op and a real conflict still fails.
      if (!isDuplicateEventId(error) && (error as { code?: string }).code !== 'DB409') throw toStoreError(error, streamId, expected);
    }
    try {
      return (await this.pool.query<AppendRow>(sql, [...params, true])).rows[0];
    } catch (error) {
      throw toStoreError(error, streamId, expected);
    }
  }
}

function isDuplicateEventId(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'events_event_id_key';
}

function toStoreError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const pgError = error as { code?: string; detail?: string };
  if (pgError.code === 'DB409') return new WrongExpectedVersionError(streamId, expected, Number(pgError.detail));
  if (pgError.code === 'DB422') return new InvalidAppendError(`Stream "${streamId}": ${(error as Error).message}`);
  // Class 22 is data the server refused (validation should have caught it first): a caller's
  // mistake, typed, never a raw driver error.
  if (pgError.code?.startsWith('22')) {
    return new InvalidEventDataError(null, `Stream "${streamId}": the server refused the events' data: ${(error as Error).message}`);
  }
  return error;
}

/** Already-serialised payloads are spliced in as they are: no second JSON.stringify. */
function toEventsJson(events: readonly PreparedEvent[]): string {
  const parts = events.map(
    (e) => `{"id":"${e.eventId}","type":${JSON.stringify(e.type)},"data":${e.dataJson},"metadata":${e.metadataJson}}`,
  );
  return `[${parts.join(',')}]`;
}

function splitExpected(expected: ExpectedVersion): { kind: string; version: number | null } {
  if (typeof expected === 'number') return expected === 0 ? { kind: 'no_stream', version: null } : { kind: 'exact', version: expected };
  return { kind: expected, version: null };
}
