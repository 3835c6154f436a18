import type { HealthCheckResult } from '@nestjs/terminus';
import { healthBody, publicErrorMessage, unavailableBody } from './health-response';

describe('health response', () => {
  const result = (status: HealthCheckResult['status']): HealthCheckResult => ({
    status,
    details: {
      database: { status: 'down', message: 'connect ECONNREFUSED' },
      queue: { status: 'up', kind: 'postgres' },
      eventStore: { status: 'down' },
    },
  });

  it('names the overall state as a probe reads it', () => {
    expect(healthBody({ status: 'ok', details: {} })).toEqual({ status: 'ok', checks: {} });
    expect(healthBody({ status: 'degraded', details: {} }).status).toBe('degraded');
    expect(healthBody(result('error')).status).toBe('unavailable');
  });

  it('gives a 503 the house error shape, naming what is down', () => {
    expect(unavailableBody(result('error'))).toEqual({
      error: 'service_unavailable',
      message: 'Not ready: database, eventStore are down',
      status: 'unavailable',
      checks: result('error').details,
    });
    expect(unavailableBody({ status: 'error', details: { queue: { status: 'down' } } }).message).toBe('Not ready: queue is down');
    expect(unavailableBody(result('shutting_down'))).toMatchObject({
      status: 'shutting_down',
      message: 'Not ready: the process is shutting down',
    });
  });

  it('keeps only the first line of an error, without URL credentials, bounded', () => {
    expect(publicErrorMessage(new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(publicErrorMessage(new Error('cannot reach postgres://app:hunter2@db.internal:5432/x'))).toBe(
      'cannot reach postgres://***@db.internal:5432/x',
    );
    expect(publicErrorMessage({ message: 'from another realm' })).toBe('from another realm');
    expect(publicErrorMessage('plain')).toBe('plain');
    expect(publicErrorMessage(new Error(''))).toBe('unknown error');
    const long = publicErrorMessage(new Error('x'.repeat(500)));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
