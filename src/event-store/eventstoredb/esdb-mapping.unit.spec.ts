import { ANY, END, NO_STREAM, START, STREAM_EXISTS, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { InvalidAppendError, InvalidCheckpointError } from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';
import { decodeEsdbCheckpoint, encodeEsdbCheckpoint, samePosition } from './esdb-checkpoint';
import { fromExpectedRevision, toExpectedRevision, toReadRevision, toStreamVersion } from './esdb-expected-version';
import { isUserEvent, toRecordedEvent } from './esdb-recorded-event';
import { forged } from '../../../test/support/forged';

const U64_MAX = 2n ** 64n - 1n;

describe('ESDB checkpoint codec', () => {
  it.each([
    [0n, 0n],
    [1234n, 1200n],
    [U64_MAX, U64_MAX],
  ])('round-trips commit %p and prepare %p', (commit, prepare) => {
    const checkpoint = encodeEsdbCheckpoint({ commit, prepare });
    expect(checkpoint).toBe(`esdb:${commit}:${prepare}`);
    expect(decodeEsdbCheckpoint(checkpoint)).toEqual({ commit, prepare });
  });

  it.each([
    [''],
    ['esdb:'],
    ['esdb:1'],
    ['esdb:1:2:3'],
    ['esdb:-1:0'],
    ['esdb:01:2'],
    ['esdb:1.5:2'],
    ['esdb: 1:2'],
    ['ESDB:1:2'],
    ['pg:1:2'],
    ['esdb:18446744073709551616:0'],
    ['esdb:999999999999999999999:0'],
  ])('refuses %p', (checkpoint) => {
    expect(() => decodeEsdbCheckpoint(checkpoint)).toThrow(InvalidCheckpointError);
  });

  it('refuses what is not a string at all', () => {
    expect(() => decodeEsdbCheckpoint(forged<string>(null))).toThrow(InvalidCheckpointError);
    expect(() => decodeEsdbCheckpoint(forged<string>(42))).toThrow(InvalidCheckpointError);
  });

  it('refuses to encode a position outside unsigned 64 bits', () => {
    expect(() => encodeEsdbCheckpoint({ commit: -1n, prepare: 0n })).toThrow(InvalidCheckpointError);
    expect(() => encodeEsdbCheckpoint({ commit: 0n, prepare: U64_MAX + 1n })).toThrow(InvalidCheckpointError);
  });

  it('compares positions by commit and prepare', () => {
    expect(samePosition({ commit: 5n, prepare: 4n }, { commit: 5n, prepare: 4n })).toBe(true);
    expect(samePosition({ commit: 5n, prepare: 4n }, { commit: 5n, prepare: 5n })).toBe(false);
    expect(samePosition({ commit: 5n, prepare: 4n }, undefined)).toBe(false);
  });
});

describe('ESDB expected version mapping', () => {
  it.each<[ExpectedVersion, unknown]>([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, NO_STREAM],
    [1, 0n],
    [10, 9n],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER) - 1n],
  ])('maps %p to %p and never to -1', (expected, revision) => {
    expect(toExpectedRevision(expected)).toBe(revision);
  });

  it.each([['latest'], [-1], [1.5], [Number.NaN], [null], [undefined], ['1']])('refuses %p', (expected) => {
    expect(() => toExpectedRevision(expected as ExpectedVersion)).toThrow(InvalidAppendError);
  });

  it.each<ExpectedVersion>(['any', 'no_stream', 'stream_exists', 1, 7])('maps %p back to itself', (expected) => {
    expect(fromExpectedRevision(toExpectedRevision(expected))).toBe(expected);
  });

  it('reads the legacy negative numbers the server can put in error metadata', () => {
    expect(fromExpectedRevision(-1n)).toBe('no_stream');
    expect(fromExpectedRevision(-2n)).toBe('any');
    expect(fromExpectedRevision(-4n)).toBe('stream_exists');
    expect(() => fromExpectedRevision(-3n)).toThrow(RangeError);
  });

  it('turns a current revision into a stream version, an absent stream into 0', () => {
    expect(toStreamVersion(NO_STREAM)).toBe(0);
    expect(toStreamVersion(-1n)).toBe(0);
    expect(toStreamVersion(0n)).toBe(1);
    expect(toStreamVersion(41n)).toBe(42);
  });

  it('starts stream reads at the inclusive version', () => {
    expect(toReadRevision(undefined, 'forwards')).toBe(START);
    expect(toReadRevision(undefined, 'backwards')).toBe(END);
    expect(toReadRevision(0, 'forwards')).toBe(START);
    expect(toReadRevision(0, 'backwards')).toBeNull();
    expect(toReadRevision(1, 'forwards')).toBe(0n);
    expect(toReadRevision(3, 'backwards')).toBe(2n);
  });
});

describe('ESDB recorded event mapping', () => {
  const created = new Date('2026-11-29T08:00:00.000Z');
  const metadata = {
    eventId: '5b0c1d6e-8f3a-4c2b-9d1e-0a1b2c3d4e5f',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    actor: { kind: 'staff', id: 'staff-7' },
    timestamp: '2026-11-29T07:59:59.000Z',
  };
  const recorded = (overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent =>
    ({
      streamId: 'job-1',
      id: metadata.eventId,
      isJson: true,
      revision: 4n,
      type: 'JobQueued',
      created,
      data: { tier: 'P1' },
      metadata,
      position: { commit: 900n, prepare: 880n },
      ...overrides,
    }) as EsdbRecordedEvent;

  it('maps revision, position, metadata and time', () => {
    expect(toRecordedEvent(recorded())).toEqual({
      streamId: 'job-1',
      streamVersion: 5,
      type: 'JobQueued',
      data: { tier: 'P1' },
      metadata,
      globalPosition: 900n,
      checkpoint: 'esdb:900:880',
      recordedAt: created,
    });
  });

  it('derives metadata for events written without ours', () => {
    const foreign = toRecordedEvent(recorded({ metadata: undefined, id: 'a0000000-0000-4000-8000-000000000000' }));
    expect(foreign.metadata).toEqual({
      eventId: 'a0000000-0000-4000-8000-000000000000',
      correlationId: 'a0000000-0000-4000-8000-000000000000',
      causationId: 'a0000000-0000-4000-8000-000000000000',
      actor: { kind: 'system', id: 'system' },
      timestamp: created.toISOString(),
    });
  });

  it('tells system events from ours', () => {
    expect(isUserEvent({ type: 'JobQueued', streamId: 'job-1' })).toBe(true);
    expect(isUserEvent({ type: '$>', streamId: '$ce-job' })).toBe(false);
    expect(isUserEvent({ type: '$statsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(false);
    expect(isUserEvent({ type: 'Emitted', streamId: '$projections-x' })).toBe(false);
  });
});
