import type { Checkpoint, EventMetadata, EventStore, RecordedEvent } from '../event-store/event-store.port';

/** One line of an export: the event as stored, with its position as a string (bigint-safe). */
export interface ExportedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly globalPosition: string;
  readonly checkpoint: Checkpoint;
}

export interface ExportOptions {
  /** Exclusive: only events after this checkpoint. */
  readonly after?: Checkpoint | null;
  readonly types?: readonly string[];
  readonly pageSize?: number;
}

export function toExportedEvent(event: RecordedEvent): ExportedEvent {
  const { streamId, streamVersion, type, data, metadata, checkpoint } = event;
  return { streamId, streamVersion, type, data, metadata, globalPosition: event.globalPosition.toString(), checkpoint };
}

export interface ExportPage {
  /** NDJSON: one line per event, each ending in "\n". */
  readonly text: string;
  readonly count: number;
  /** Where the read stopped (past filtered-out events too): resume a later export here. */
  readonly checkpoint: Checkpoint | null;
}

/**
 * The global log in order as NDJSON, page by page, so memory stays flat whatever the log's
 * size. Nest-free, so the CLI and tests share it.
 */
export async function* exportEventPages(store: EventStore, options: ExportOptions = {}): AsyncGenerator<ExportPage> {
  let after = options.after ?? null;
  for (;;) {
    const page = await store.readAll({ after, maxCount: options.pageSize ?? 1000, eventTypes: options.types });
    const text = page.events.map((event) => `${JSON.stringify(toExportedEvent(event))}\n`).join('');
    if (page.events.length > 0) yield { text, count: page.events.length, checkpoint: page.checkpoint };
    after = page.checkpoint;
    if (page.isEnd) return;
  }
}

export interface ExportSink {
  /** Resolves when the sink can take more (backpressure). */
  write(chunk: string): Promise<void>;
}

export interface ExportSummary {
  readonly events: number;
  /** Where a later export can resume (`--after`); null when nothing was exported. */
  readonly lastCheckpoint: Checkpoint | null;
}

/** Streams the export into `sink`; returns how many events went out and where to resume. */
export async function exportEvents(store: EventStore, sink: ExportSink, options: ExportOptions = {}): Promise<ExportSummary> {
  let events = 0;
  let lastCheckpoint: Checkpoint | null = null;
  for await (const page of exportEventPages(store, options)) {
    await sink.write(page.text);
    events += page.count;
    lastCheckpoint = page.checkpoint;
  }
  return { events, lastCheckpoint };
}
