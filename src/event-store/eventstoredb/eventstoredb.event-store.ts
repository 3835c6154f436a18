import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  isCommandError,
  jsonEvent,
  START,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type JSONEventType,
  type JSONType,
  type Position,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { prepareAppend, validateReadAll, validateReadStream, validateSubscribe } from '../append-validation';
import { WrongExpectedVersionError } from '../event-store.errors';
import type {
  AllSlice,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamSlice,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { decodeEsdbCheckpoint, encodeEsdbCheckpoint, samePosition } from './esdb-checkpoint';
import { toExpectedRevision, toReadRevision, toStreamVersion } from './esdb-expected-version';
import { collect, isUserEvent, toRecordedEvent } from './esdb-recorded-event';
import { EsdbSubscription } from './eventstoredb.subscription';

export interface EventStoreDbEventStoreOptions {
  readonly maxEventBytes: number;
}

const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;

export function createEventStoreDbEventStore(connectionString: string, options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
}

export class EventStoreDbEventStore implements EventStore {
  readonly name = 'eventstoredb' as const;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {}

  /**
   * Re-appending the same events with the same expectation is a no-op through ESDB's own
   * idempotency on event ids. It is narrower than the PostgreSQL adapter's: a batch with only some
   * ids stored is refused (or, with 'any', may be stored again) rather than trimmed, ids are unique
   * per stream rather than globally, and a retry with a different expectation is refused.
   */
  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, options, this.options.maxEventBytes);
    const expectedRevision = toExpectedRevision(options.expectedVersion);
    const proposed = prepared.map((event, index) =>
      jsonEvent<JSONEventType>({
        id: event.eventId,
        type: event.type,
        // JSONType omits scalars, but the client only JSON.stringifies it, as prepareEvents did.
        data: events[index].data as JSONType,
        metadata: event.metadata,
      }),
    );
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, proposed, { expectedRevision });
    } catch (error) {
      throw toAppendError(error, streamId, options.expectedVersion);
    }
    if (!result.success) {
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, await this.currentVersion(streamId));
    }
    return this.appendResult(streamId, result);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamSlice> {
    validateReadStream(streamId, options);
    const direction = options.direction ?? 'forwards';
    const fromRevision = toReadRevision(options.fromVersion, direction);
    if (fromRevision === null) return { streamId, version: await this.currentVersion(streamId), events: [] };
    const resolved = await this.readRevisions(streamId, {
      fromRevision,
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      maxCount: options.maxCount,
    });
    if (resolved === null) return { streamId, version: 0, events: [] };
    const events = resolved.flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
    const version = sliceEndVersion(events, options, fromRevision) ?? (await this.currentVersion(streamId));
    return { streamId, version, events };
  }

  /** Keeps reading past system events, so a page shorter than maxCount means the end of the log. */
  async readAll(options: ReadAllOptions = {}): Promise<AllSlice> {
    validateReadAll(options);
    const after = options.after ?? null;
    const wanted = Math.min(options.maxCount ?? DEFAULT_PAGE, MAX_PAGE);
    let from: Position | null = after === null ? null : decodeEsdbCheckpoint(after);
    const scanned: RecordedEvent[] = [];
    let isEnd = false;
    while (!isEnd && scanned.length < wanted) {
      // fromPosition is inclusive for reads: ask for one more and drop the event at `from`.
      const request = wanted - scanned.length + (from ? 1 : 0);
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ fromPosition: from ?? START, maxCount: request }));
      for (const { event } of page) {
        if (!event || samePosition(event.position, from ?? undefined) || !isUserEvent(event)) continue;
        if (scanned.length < wanted) scanned.push(toRecordedEvent(event));
      }
      const last: Position | undefined = page[page.length - 1]?.event?.position;
      isEnd = page.length < request || !last;
      if (last) from = last;
    }
    const types = options.eventTypes;
    const events = types ? scanned.filter((e) => types.includes(e.type)) : scanned;
    const checkpoint = scanned.length > 0 ? scanned[scanned.length - 1].checkpoint : after;
    return { events, checkpoint, isEnd };
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (options.from) decodeEsdbCheckpoint(options.from);
    validateSubscribe(options);
    const subscription = new EsdbSubscription(this.client, {
      ...options,
      from: options.from ?? null,
      batchSize: Math.min(options.batchSize ?? DEFAULT_PAGE, MAX_PAGE),
    });
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async appendResult(streamId: string, result: EsdbAppendResult): Promise<AppendResult> {
    // Some servers answer an idempotent write with no position (-1 server-side): nothing was appended.
    const position = result.position ?? (await this.positionOf(streamId, result.nextExpectedRevision));
    return {
      nextVersion: toStreamVersion(result.nextExpectedRevision),
      lastPosition: position.commit,
      checkpoint: encodeEsdbCheckpoint(position),
      appended: result.position !== undefined,
    };
  }

  private async positionOf(streamId: string, revision: bigint): Promise<Position> {
    const [found] = (await this.readRevisions(streamId, { fromRevision: revision, maxCount: 1 })) ?? [];
    return found?.event?.position ?? { commit: 0n, prepare: 0n };
  }

  private async currentVersion(streamId: string): Promise<number> {
    const [last] = (await this.readRevisions(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) ?? [];
    return last?.event ? toStreamVersion(last.event.revision) : 0;
  }

  /** The events read, or null when the stream does not exist. */
  private async readRevisions(streamId: string, options: EsdbReadStreamOptions): Promise<ResolvedEvent[] | null> {
    try {
      return await collect(this.client.readStream(streamId, options));
    } catch (error) {
      if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return null;
      throw error;
    }
  }
}

/** The whole stream's version when the slice itself shows it, so no second read is needed. */
function sliceEndVersion(
  events: readonly RecordedEvent[],
  options: ReadStreamOptions,
  fromRevision: EsdbReadStreamOptions['fromRevision'],
): number | undefined {
  if (events.length === 0) return undefined;
  if (options.direction === 'backwards') return fromRevision === END ? events[0].streamVersion : undefined;
  const reachedEnd = options.maxCount === undefined || events.length < options.maxCount;
  return reachedEnd ? events[events.length - 1].streamVersion : undefined;
}

function toAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  if (error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION) {
    // The client reports an absent stream as the NO_STREAM constant, not as a revision.
    return new WrongExpectedVersionError(streamId, expected, toStreamVersion(error.actualVersion));
  }
  return error;
}
