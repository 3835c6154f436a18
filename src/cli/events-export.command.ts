import { Inject } from '@nestjs/common';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { exportEvents, type ExportSink } from '../audit/export-events';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';

interface ExportOptions {
  readonly out?: string;
  readonly after?: string;
  readonly types?: readonly string[];
}

@SubCommand({ name: 'export', description: 'every event as NDJSON, in global order, to stdout or a file' })
export class EventsExportCommand extends CommandRunner {
  @Inject(EVENT_STORE) private readonly store!: EventStore;

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--after <checkpoint>', description: 'only events after this checkpoint (a previous export prints where to resume)' })
  parseAfter(value: string): string {
    return value;
  }

  @Option({ flags: '--types <A,B>', description: 'only events of these types' })
  parseTypes(value: string): string[] {
    return value
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== '');
  }

  async run(_: string[], options: ExportOptions = {}): Promise<void> {
    const file = options.out ? await openForWriting(options.out) : null;
    const summary = await exportEvents(this.store, sinkOf(file ?? process.stdout), {
      after: options.after ?? null,
      types: options.types,
    }).finally(() => file && new Promise((resolve) => file.end(resolve)));
    const resume = summary.lastCheckpoint ? `; resume with --after ${summary.lastCheckpoint}` : '';
    // On stderr when the events go to stdout, so the NDJSON stays clean.
    (options.out ? console.log : console.error)(`exported ${summary.events} events${options.out ? ` to ${options.out}` : ''}${resume}`);
  }
}

async function openForWriting(path: string): Promise<Writable> {
  const stream = createWriteStream(path, { flags: 'w' });
  await once(stream, 'open');
  // Later failures reach the write callbacks; without a listener they would also crash the process.
  stream.on('error', () => undefined);
  return stream;
}

/** One chunk in flight at a time: the callback fires once the chunk is handed on (backpressure). */
function sinkOf(stream: Writable): ExportSink {
  return {
    write: (chunk) => new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve()))),
  };
}
