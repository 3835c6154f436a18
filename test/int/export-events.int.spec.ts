import { exportEventPages, exportEvents, toExportedEvent, type ExportedEvent } from '../../src/audit/export-events';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { allReadable } from '../support/all-readable';
import { writeJobScenario } from '../support/job-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('events export (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let all: RecordedEvent[];

  const exportLines = async (
    options: Parameters<typeof exportEvents>[2] = {},
  ): Promise<{ lines: ExportedEvent[]; last: string | null }> => {
    const chunks: string[] = [];
    const summary = await exportEvents(store, { write: async (chunk) => void chunks.push(chunk) }, options);
    const text = chunks.join('');
    expect(text === '' || text.endsWith('\n')).toBe(true);
    const lines = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ExportedEvent);
    expect(summary.events).toBe(lines.length);
    return { lines, last: summary.lastCheckpoint };
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_export');
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: true });
    for (let i = 0; i < 3; i++)
      await writeJobScenario(store, { directories: 3, outcome: (d) => (d === 1 ? 'retried_then_succeeded' : 'succeeded') });
    await store.appendToStream('odd-1', [{ type: 'Odd', data: { big: 2 ** 60, text: 'line\nbreak "quoted" ✓' } }], {
      expectedVersion: 'no_stream',
    });
    all = await allReadable(db.pool, store);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('writes every event as one JSON line, in global order, and the lines round-trip the events', async () => {
    const { lines, last } = await exportLines({ pageSize: 7 });
    expect(lines).toHaveLength(all.length);
    expect(all.length).toBeGreaterThan(30);
    lines.forEach((line, i) => {
      const event = all[i];
      expect(Object.keys(line)).toEqual(['streamId', 'streamVersion', 'type', 'data', 'metadata', 'globalPosition', 'checkpoint']);
      expect(line).toEqual(JSON.parse(JSON.stringify(toExportedEvent(event))));
      expect(line).toMatchObject({
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        type: event.type,
        checkpoint: event.checkpoint,
      });
      expect(BigInt(line.globalPosition)).toBe(event.globalPosition);
      expect(line.data).toEqual(event.data);
      expect(line.metadata).toEqual(event.metadata);
    });
    expect(lines[lines.length - 1].data).toEqual({ big: 2 ** 60, text: 'line\nbreak "quoted" ✓' });
    expect(last).toBe(all[all.length - 1].checkpoint);
  });

  it('resumes after a checkpoint and filters by type', async () => {
    const { lines } = await exportLines({ after: all[9].checkpoint });
    expect(lines.map((l) => l.globalPosition)).toEqual(all.slice(10).map((e) => e.globalPosition.toString()));
    const created = await exportLines({ types: ['JobCreated', 'SubmissionRetryScheduled'], pageSize: 5 });
    expect(created.lines.map((l) => l.type)).toEqual(
      all.filter((e) => ['JobCreated', 'SubmissionRetryScheduled'].includes(e.type)).map((e) => e.type),
    );
    expect(created.lines.map((l) => l.type).filter((t) => t === 'JobCreated')).toHaveLength(3);
    expect((await exportLines({ after: all[all.length - 1].checkpoint })).lines).toEqual([]);
  });

  it('reads page by page: no page holds more than the page size', async () => {
    const counts: number[] = [];
    for await (const page of exportEventPages(store, { pageSize: 6 })) counts.push(page.count);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
  });
});
