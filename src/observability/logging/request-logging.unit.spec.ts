import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PinoLogger } from 'nestjs-pino';
import { pino } from 'pino';
import type { ApiRequest } from '../../http/api-request';
import { createRequestLogging } from './request-logging';

/** A server whose every request goes through the request logging and answers `?status=`. */
async function serve(level: string, lines: Record<string, unknown>[]): Promise<Server> {
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const logging = createRequestLogging(logger, new PinoLogger({ pinoHttp: { logger } }));
  const server = createServer((request, response) =>
    logging(request as ApiRequest, response, () => {
      response.statusCode = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status'));
      response.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('request logging', () => {
  it.each([
    ['info', [200, 500]],
    ['warn', [500]],
  ])('at level %s writes the access lines of %j', async (level, logged) => {
    const lines: Record<string, unknown>[] = [];
    const server = await serve(level, lines);
    try {
      const { port } = server.address() as AddressInfo;
      for (const status of [200, 500]) await (await fetch(`http://127.0.0.1:${port}/api/x?status=${status}`)).text();
      // Lines are written on 'finish', which may come just after the client has its answer.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines.map((line) => (line.res as { statusCode: number }).statusCode)).toEqual(logged);
      expect(lines[0]).toMatchObject({ req: { method: 'GET', url: expect.stringContaining('/api/x') }, msg: `GET /api/x ${logged[0]}` });
    } finally {
      server.close();
    }
  });
});
