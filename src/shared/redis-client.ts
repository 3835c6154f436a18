import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnectOptions {
  /** Fail commands at once while disconnected instead of queueing them until Redis is back. */
  readonly failFastWhenDown?: boolean;
}

/**
 * A connected client. A first connection that fails is a configuration problem: it rejects rather
 * than retrying forever. Later errors surface on the calls that need Redis (with a listener, so
 * they never crash the process) while the client reconnects with backoff.
 */
export async function connectRedis(url: string, options: RedisConnectOptions = {}): Promise<RedisClient> {
  let connected = false;
  const reconnectStrategy = (retries: number): number => Math.min(5000, 100 * 2 ** retries);
  const client = createClient({
    url,
    disableOfflineQueue: options.failFastWhenDown ?? false,
    socket: { connectTimeout: 5000, reconnectStrategy },
  });
  const firstFailure = new Promise<never>((_, reject) => client.once('error', (error: Error) => (connected ? undefined : reject(error))));
  client.on('error', () => undefined);
  try {
    await Promise.race([client.connect(), firstFailure]);
  } catch (error) {
    client.destroy();
    throw error;
  }
  connected = true;
  return client;
}

export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.isOpen) await client.quit().catch(() => undefined);
}
