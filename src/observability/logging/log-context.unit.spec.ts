import type { RecordedEvent } from '../../event-store/event-store.port';
import { currentLogContext, eventLogContext, inContextOf, pageLogContext, withLogContext } from './log-context';

const event = (correlationId: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    type: 'JobQueued',
    data,
    metadata: { eventId: `e-${correlationId}`, correlationId, causationId: 'c', actor: { kind: 'system', id: 's' }, timestamp: '' },
  }) as RecordedEvent;

describe('log context', () => {
  it('holds fields across awaits inside, nests by adding, and is gone outside', async () => {
    expect(currentLogContext()).toBeUndefined();
    await withLogContext({ correlationId: 'c1', jobId: 'j1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await withLogContext({ directoryId: 'd1' }, async () => {
        expect(currentLogContext()).toEqual({ correlationId: 'c1', jobId: 'j1', directoryId: 'd1' });
      });
      expect(currentLogContext()).toEqual({ correlationId: 'c1', jobId: 'j1' });
    });
    expect(currentLogContext()).toBeUndefined();
  });

  it('lets the handler of a failure log it in the context it was thrown in (the innermost)', async () => {
    const failure = await withLogContext({ correlationId: 'outer' }, () =>
      withLogContext({ correlationId: 'inner', jobId: 'j' }, async () => {
        throw new Error('boom');
      }),
    ).catch((error: unknown) => error);
    expect(inContextOf(failure, () => currentLogContext())).toEqual({ correlationId: 'inner', jobId: 'j' });
    expect(inContextOf(new Error('elsewhere'), () => currentLogContext())).toBeUndefined();
  });

  it('takes ids from an event, and from a page its one correlation or all of them', () => {
    expect(eventLogContext(event('c1', { jobId: 'j1', directoryId: 'd1', n: 1 }))).toEqual({
      correlationId: 'c1',
      eventId: 'e-c1',
      jobId: 'j1',
      directoryId: 'd1',
    });
    expect(pageLogContext([event('c1', { jobId: 'j1' }), event('c1', { jobId: 'j1' })])).toEqual({ correlationId: 'c1', jobId: 'j1' });
    expect(pageLogContext([event('c1', { jobId: 'j1' }), event('c2', { jobId: 'j2' })])).toEqual({ correlationIds: ['c1', 'c2'] });
  });
});
