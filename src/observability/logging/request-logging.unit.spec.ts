import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LogLevel } from '../../config/logging-config';
import type { ApiRequest } from '../../http/api-request';
import { addToLogContext } from './log-context';
import { createRequestLogging } from './request-logging';
import { createRootLogger } from './root-logger';

type Line = Record<string, unknown>;

/**
 * A server whose every request goes through the request logging, with the app's root logger (its
 * mixin adds the request's context): writes a line inside the request, learns a job id, answers `?status=`.
 */
async function serve(level: LogLevel, lines: Line[]): Promise<Server> {
  const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Line) };
  const logger = createRootLogger({ level, format: 'json' }, stream, false);
  const logging = createRequestLogging(logger);
  const server = createServer((request, response) => {
    (request as ApiRequest).correlationId = request.headers['x-request-id'] as string;
    logging(request, response, () => {
      setImmediate(() => {
        logger.warn('inside the request');
        addToLogContext({ jobId: 'job-7' });
        response.statusCode = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status'));
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function call(server: Server, path: string, id: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-request-id': id } })).text();
}

/** Lines are written on 'close', which may come just after the client has its answer. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('request logging', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());
  it.each<[LogLevel, number[]]>([
    ['info', [200, 500]],
    ['warn', [500]],
  ])('at level %s writes the access lines of %j', async (level, logged) => {
    const lines: Line[] = [];
    server = await serve(level, lines);
    for (const status of [200, 500]) await call(server, `/api/x?status=${status}`, `id-${status}`);
    await settle();
    const access = lines.filter((line) => line.res !== undefined);
    expect(access.map((line) => (line.res as { statusCode: number }).statusCode)).toEqual(logged);
    expect(access[0]).toMatchObject({ req: { method: 'GET', url: expect.stringContaining('/api/x') }, msg: `GET /api/x ${logged[0]}` });
  });

  it("puts the request's correlation id on its own lines, and the ids it learned on its access line", async () => {
    const lines: Line[] = [];
    server = await serve('info', lines);
    await Promise.all([call(server, '/api/a?status=200', 'first'), call(server, '/api/b?status=201', 'second')]);
    await settle();
    expect(lines.filter((line) => line.msg === 'inside the request').map((line) => line.correlationId)).toEqual(
      expect.arrayContaining(['first', 'second']),
    );
    expect(lines.find((line) => line.msg === 'GET /api/b 201')).toMatchObject({
      correlationId: 'second',
      jobId: 'job-7',
      responseTime: expect.any(Number),
    });
  });

  it('writes no access line for health checks and scrapes', async () => {
    const lines: Line[] = [];
    server = await serve('info', lines);
    await call(server, '/api/health/live?status=200', 'h');
    await call(server, '/api/metrics?status=200', 'm');
    await settle();
    expect(lines.filter((line) => line.res !== undefined)).toEqual([]);
    expect(lines.filter((line) => line.msg === 'inside the request')).toHaveLength(2);
  });
});
