import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listeners {
  readonly port: number;
  close(): Promise<void>;
}

const ATTEMPTS = 8;

/**
 * One HTTP server per address, all on one port (the first address picks it when `port` is 0). A
 * port taken on a later address by someone else makes the whole set start over on a fresh port.
 */
export async function listenOnAll(hosts: readonly (readonly [string, RequestListener])[], port: number): Promise<Listeners> {
  for (let attempt = 1; ; attempt += 1) {
    const servers: Server[] = [];
    try {
      let chosen = port;
      for (const [host, handler] of hosts) {
        const server = createServer(handler);
        servers.push(server);
        await listen(server, chosen, host);
        chosen = (server.address() as AddressInfo).port;
      }
      return { port: chosen, close: () => closeAll(servers) };
    } catch (error) {
      await closeAll(servers.filter((server) => server.listening));
      const retry = port === 0 && attempt < ATTEMPTS && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!retry) throw error;
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeAll(servers: readonly Server[]): Promise<void> {
  return Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive connections (browsers) would otherwise hold close() open.
          server.closeAllConnections();
        }),
    ),
  ).then(() => undefined);
}
