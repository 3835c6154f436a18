import { Agent, request } from 'node:http';
import type { MalformedRequest } from './malformed-requests';

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Sends exactly the bytes asked for (supertest would serialise and fix them). A connection error
 * or a hang is an answer too: status 0, with what happened as the body.
 */
export function sendRaw(agent: Agent, baseUrl: URL, message: MalformedRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: message.method,
        path: message.path,
        headers: { ...message.headers, ...(message.body ? { 'content-length': String(message.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => resolve({ status: 0, contentType: '', body: `response error: ${error.message}` }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, contentType: '', body: `request error: ${error.message}` }));
    req.end(message.body ?? undefined);
  });
}
