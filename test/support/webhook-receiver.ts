import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface WebhookReceiver {
  readonly server: Server;
  readonly url: string;
  readonly received: ReceivedPost[];
  close(): Promise<void>;
  /** While true, every post is answered 500 and not recorded. */
  failing: boolean;
}

/** A webhook receiver on 127.0.0.1 for tests of outgoing notifications: records every JSON body posted to it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (receiver.failing) return res.writeHead(500).end();
      receiver.received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: WebhookReceiver = {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: [],
    failing: false,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
