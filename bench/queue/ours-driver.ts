import { Pool } from 'pg';
import { openPostgresQueue } from '../../src/queue/postgres/postgres.queue';
import { PRIORITIES, type MessageQueue, type QueueSettings, type ReceivedMessage } from '../../src/queue/queue.port';
import { connectionStringFor } from '../shared/bench-server';
import { CLAIM_MAX, LONG_POLL_MS, POOL_SIZE } from './bench-config';
import { keyOf, payloadFor } from './bench-message';
import type { Claimed, QueueDriver } from './queue-driver';

export const BENCH_QUEUE_SETTINGS: QueueSettings = {
  visibilityTimeoutMs: 300_000,
  maxReceiveCount: 5,
  receiveWaitMs: LONG_POLL_MS,
  retentionMs: 4 * 24 * 3600_000,
  deadLetterRetentionMs: 14 * 24 * 3600_000,
};

function benchPool(database: string): Pool {
  const pool = new Pool({ connectionString: connectionStringFor(database), max: POOL_SIZE });
  pool.on('error', (error) => console.error(`[ours] idle pool client: ${error.message}`));
  return pool;
}

/**
 * Producer and consumer are two queue instances on two pools, as in two processes: the consumer
 * is woken by NOTIFY/LISTEN, not by the producer's in-process wake-up.
 */
export class OursDriver implements QueueDriver<ReceivedMessage> {
  readonly label = 'ours (PostgreSQL)';

  private constructor(
    private readonly pools: readonly Pool[],
    private readonly producer: MessageQueue,
    private readonly consumer: MessageQueue,
  ) {}

  static async open(database: string): Promise<OursDriver> {
    const pools = [benchPool(database), benchPool(database)];
    const producer = await openPostgresQueue({ pool: pools[0], settings: BENCH_QUEUE_SETTINGS, listen: true });
    const consumer = await openPostgresQueue({ pool: pools[1], settings: BENCH_QUEUE_SETTINGS, listen: true });
    return new OursDriver(pools, producer, consumer);
  }

  async reset(): Promise<void> {
    await this.pools[0].query('DELETE FROM queue_messages');
    await this.pools[0].query('VACUUM ANALYZE queue_messages');
  }

  sendOne(key: string): Promise<void> {
    return this.producer.send([{ id: key, priority: 'P1', body: JSON.stringify(payloadFor(key)) }]);
  }

  sendMany(keys: readonly string[]): Promise<void> {
    return this.producer.send(keys.map((key) => ({ id: key, priority: 'P1' as const, body: JSON.stringify(payloadFor(key)) })));
  }

  async claim(max: number, waiting: boolean): Promise<Claimed<ReceivedMessage>[]> {
    // All three tiers in preference order, as the workers' queue consumer asks.
    const received = await this.consumer.receive({
      priorities: PRIORITIES,
      maxMessages: Math.min(max, CLAIM_MAX),
      waitMs: waiting ? LONG_POLL_MS : 0,
    });
    return received.map((message) => ({ key: keyOf(message.body), handle: message }));
  }

  complete(claimed: readonly Claimed<ReceivedMessage>[]): Promise<void> {
    return this.consumer.ack(claimed.map((c) => c.handle));
  }

  async close(): Promise<void> {
    await this.producer.close();
    await this.consumer.close();
    await Promise.all(this.pools.map((pool) => pool.end()));
  }
}
