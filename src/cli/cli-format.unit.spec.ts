import type { ProjectionStatus } from '../../projections/runtime/projection-host';
import type { VerifyReport } from '../../projections/runtime/projection-verify';
import type { TimelineEntry } from '../audit/job-timeline';
import { formatTimeline } from './audit-format';
import { formatProjectionStatus } from './projection-status-table';
import { formatTable, truncate } from './text-table';
import { formatVerifyReport } from './verify-report-format';

describe('CLI output', () => {
  it('pads columns, rules the header, shows blanks as "-" and flattens whitespace', () => {
    expect(
      formatTable(
        ['a', 'long header'],
        [
          ['x', null],
          ['wider cell', 'two\nlines'],
        ],
      ),
    ).toBe(['a           long header', '----------  -----------', 'x           -', 'wider cell  two lines'].join('\n'));
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('shows each projection with versions, generation, lag, state and rebuild progress', () => {
    const base: ProjectionStatus = {
      name: 'jobs',
      codeVersion: 2,
      liveVersion: 1,
      liveGeneration: 3,
      checkpoint: null,
      eventsApplied: 120,
      lag: { events: 4, seconds: 1.25 },
      state: 'elsewhere',
      rebuildRequestedAt: null,
      lastRebuildAt: null,
      lastError: 'boom',
      rebuild: { generation: 4, eventsApplied: 50, startedAt: new Date('2025-01-01T00:00:00Z') },
    };
    const lines = formatProjectionStatus([
      base,
      { ...base, name: 'workers', codeVersion: 1, lag: null, state: 'live', rebuild: null, lastError: null },
    ]).split('\n');
    expect(lines[0]).toMatch(/^name\s+code\/live\s+gen\s+events\s+lag\s+state\s+rebuild\s+last error$/);
    expect(lines[2]).toMatch(
      /^jobs\s+v2\/v1 \(rebuild due\)\s+g3\s+120\s+4 ev, 1\.3 s\s+not run here\s+g4: 50 events since 2025-01-01T00:00:00\.000Z\s+boom$/,
    );
    expect(lines[3]).toMatch(/^workers\s+v1\/v1\s+g3\s+120\s+-\s+live\s+-\s+-$/);
  });

  it('says "no difference", or per differing table the counts and sample rows, or why it could not compare', () => {
    const report: VerifyReport = { projection: 'jobs', ok: true, checkpoint: 'cp', eventsReplayed: 10, tables: [], problem: null };
    expect(formatVerifyReport(report)).toEqual(['jobs: 10 events replayed: no difference']);
    const table = {
      table: 'jobs',
      liveRows: 2,
      replayedRows: 2,
      missingFromLive: [{ id: 'a' }],
      missingCount: 1,
      unexpectedInLive: [{ id: 'b' }],
      unexpectedCount: 1,
    };
    const same = { ...table, table: 'other', missingFromLive: [], missingCount: 0, unexpectedInLive: [], unexpectedCount: 0 };
    expect(formatVerifyReport({ ...report, ok: false, tables: [table, same] })).toEqual([
      'jobs: 10 events replayed: DIFFERENT',
      '  jobs: live 2 rows, replay 2 rows; 1 missing from live, 1 unexpected in live',
      '    missing from live:  {"id":"a"}',
      '    unexpected in live: {"id":"b"}',
    ]);
    expect(formatVerifyReport({ ...report, ok: false, problem: 'not installed' })).toEqual(['jobs: cannot verify: not installed']);
  });

  it('lays out a timeline with the audit fields', () => {
    const entry: TimelineEntry = {
      position: 7,
      stream: 'submission-j-d1',
      version: 3,
      type: 'SubmissionRetryScheduled',
      at: '2025-01-01T00:00:00.000Z',
      actor: { kind: 'worker', id: 'w1' },
      correlationId: 'c',
      causationId: 'c',
      directoryId: 'd1',
      attempt: 2,
      delayMs: 31_000,
      errorClass: 'transient',
      message: 'HTTP 503',
      data: {},
    };
    const lines = formatTimeline('j', [
      entry,
      {
        ...entry,
        position: 8,
        stream: 'job-j',
        type: 'JobCompleted',
        directoryId: undefined,
        attempt: undefined,
        delayMs: undefined,
        errorClass: undefined,
        message: undefined,
      },
    ]).split('\n');
    expect(lines[0]).toBe('job j: 2 events');
    expect(lines[3]).toMatch(
      /^7\s+2025-01-01T00:00:00\.000Z\s+submission d1\s+SubmissionRetryScheduled\s+worker:w1\s+2\s+31\.0 s\s+transient\s+HTTP 503$/,
    );
    expect(lines[4]).toMatch(/^8\s+\S+\s+job\s+JobCompleted\s+worker:w1\s+-\s+-\s+-\s+-$/);
  });
});
