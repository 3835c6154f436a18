import { randomBytes } from 'node:crypto';
import type { SqsConfig } from '../../src/config/queue-config';
import { PRIORITIES, type MessageQueue, type Priority, type ReceivedMessage } from '../../src/queue/queue.port';
import { openSqsQueue } from '../../src/queue/sqs/sqs.queue';
import { CLAIM_MAX, LONG_POLL_MS } from './bench-config';
import { keyOf, payloadFor } from './bench-message';
import { BENCH_QUEUE_SETTINGS } from './ours-driver';
import type { Claimed, QueueDriver } from './queue-driver';

/**
 * Our SQS adapter against the fauxqs emulator: every figure is the adapter plus the emulator.
 * Producer and consumer each have their own adapter (and SDK client); `reset` opens both on new
 * queues (a fresh prefix). `tiers` is what the consumer asks for: all three as the workers do,
 * or P1 alone (a single-tier long poll returns as soon as a message arrives).
 */
export class SqsDriver implements QueueDriver<ReceivedMessage> {
  readonly label: string;
  private producer: MessageQueue | null = null;
  private consumer: MessageQueue | null = null;
  private prefixes = 0;
  private readonly run = randomBytes(3).toString('hex');

  constructor(
    private readonly endpoint: string,
    private readonly tiers: readonly Priority[],
  ) {
    this.label = `ours (SQS adapter + fauxqs), receive ${tiers.length === 1 ? 'P1 only' : 'P1,P2,P3'}`;
  }

  async reset(): Promise<void> {
    await this.close();
    const config: SqsConfig = {
      endpoint: this.endpoint,
      region: 'us-east-1',
      queuePrefix: `bench-${this.run}-${++this.prefixes}`,
      createQueues: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.producer = await openSqsQueue({ config, settings: BENCH_QUEUE_SETTINGS });
    this.consumer = await openSqsQueue({ config: { ...config, createQueues: false }, settings: BENCH_QUEUE_SETTINGS });
  }

  sendOne(key: string): Promise<void> {
    return this.open(this.producer).send([{ id: key, priority: 'P1', body: JSON.stringify(payloadFor(key)) }]);
  }

  sendMany(keys: readonly string[]): Promise<void> {
    return this.open(this.producer).send(keys.map((key) => ({ id: key, priority: 'P1' as const, body: JSON.stringify(payloadFor(key)) })));
  }

  async claim(max: number, waiting: boolean): Promise<Claimed<ReceivedMessage>[]> {
    const received = await this.open(this.consumer).receive({
      priorities: this.tiers,
      maxMessages: Math.min(max, CLAIM_MAX),
      waitMs: waiting ? LONG_POLL_MS : 0,
    });
    return received.map((message) => ({ key: keyOf(message.body), handle: message }));
  }

  complete(claimed: readonly Claimed<ReceivedMessage>[]): Promise<void> {
    return this.open(this.consumer).ack(claimed.map((c) => c.handle));
  }

  async close(): Promise<void> {
    await this.producer?.close();
    await this.consumer?.close();
    this.producer = null;
    this.consumer = null;
  }

  private open(queue: MessageQueue | null): MessageQueue {
    if (!queue) throw new Error('SqsDriver: reset() first');
    return queue;
  }
}

export const ALL_TIERS = PRIORITIES;
