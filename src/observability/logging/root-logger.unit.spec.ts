import { Writable } from 'node:stream';
import type { LoggingConfig } from '../../config/logging-config';
import { withLogContext } from './log-context';
import { createRootLogger } from './root-logger';

function capture(config: LoggingConfig = { level: 'info', format: 'auto' }, terminal = false) {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  const logger = createRootLogger(config, stream, terminal);
  const lines = (): Record<string, unknown>[] => written.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, written, lines };
}

describe('root logger', () => {
  it('writes one JSON object per line with a level label, an ISO time and the message', () => {
    const { logger, written, lines } = capture();
    logger.info('hello');
    expect(written[0].endsWith('\n')).toBe(true);
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'hello', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('puts the ids of the current context on every line', async () => {
    const { logger, lines } = capture();
    await withLogContext({ correlationId: 'corr-1', jobId: 'job-1', directoryId: 'dir-1' }, async () =>
      logger.warn({ context: 'Worker' }, 'slow site'),
    );
    logger.info('outside');
    expect(lines()[0]).toMatchObject({
      correlationId: 'corr-1',
      jobId: 'job-1',
      directoryId: 'dir-1',
      context: 'Worker',
      msg: 'slow site',
    });
    expect(lines()[1]).not.toHaveProperty('correlationId');
  });

  it('honours LOG_LEVEL', () => {
    const { logger, lines } = capture({ level: 'warn', format: 'json' });
    logger.info('dropped');
    logger.debug('dropped too');
    logger.error('kept');
    expect(lines().map((line) => line.msg)).toEqual(['kept']);
  });

  it('masks secrets in messages, fields, errors and request headers', () => {
    const { logger, written } = capture();
    const url = 'postgres://app:db-pw-123@db/prod';
    logger.info(`connecting to ${url}`);
    logger.info(
      {
        password: 'pw-456',
        nested: { token: 'tok-789' },
        req: { headers: { authorization: 'Bearer s3ss10n', cookie: 'sid=c00k1e', 'x-api-key': 'dbk_k3y' } },
      },
      'fields',
    );
    logger.error(new Error(`refused ${url} with key dbk_abcdefghijklmnop`));
    logger.error({ err: new Error('Bearer tok-in-error') }, 'wrapped');
    const all = written.join('');
    for (const secret of ['db-pw-123', 'pw-456', 'tok-789', 's3ss10n', 'c00k1e', 'dbk_k3y', 'dbk_abcdefghijklmnop', 'tok-in-error'])
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    expect(all).toContain('[REDACTED]');
    expect(all).toContain('postgres://app:[REDACTED]@db/prod');
  });

  it('is pretty (not JSON) on a terminal or when asked, and JSON when asked on a terminal', async () => {
    const onTerminal = capture({ level: 'info', format: 'auto' }, true);
    onTerminal.logger.info('pretty please');
    await new Promise((resolve) => setImmediate(resolve));
    expect(onTerminal.written.join('')).toContain('pretty please');
    expect(() => JSON.parse(onTerminal.written[0])).toThrow();
    const asked = capture({ level: 'info', format: 'pretty' });
    asked.logger.info('asked');
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => JSON.parse(asked.written[0])).toThrow();
    const forcedJson = capture({ level: 'info', format: 'json' }, true);
    forcedJson.logger.info('json');
    expect(JSON.parse(forcedJson.written[0])).toMatchObject({ msg: 'json' });
  });
});
