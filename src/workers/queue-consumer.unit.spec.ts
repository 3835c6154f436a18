import type {
  DeadLetter,
  MessageQueue,
  OutgoingMessage,
  QueueDepth,
  ReceiveOptions,
  ReceivedMessage,
  ReleaseOptions,
  SubjectProbe,
} from '../queue/queue.port';
import { encodeSubmissionMessage } from '../queue/submission-message';
import { QueueConsumer } from './queue-consumer';
import type { ProcessResult } from './submission-processor';

const VISIBILITY_MS = 3000;
/** The queue hands the message out at the start of a receive call that then takes this long. */
const RECEIVE_TAKES_MS = 2500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Models a queue's visibility timeout: the lease of a delivery starts when the receive call
 * starts, and it lapses (the message would go to another worker) when no extension comes in time.
 */
class LeaseWatchingQueue implements MessageQueue {
  readonly kind = 'postgres' as const;
  readonly lapses: { readonly at: number; readonly leaseUntil: number }[] = [];
  readonly extensions: number[] = [];
  readonly acked: ReceivedMessage[] = [];
  leaseUntil = 0;
  private pending: ReceivedMessage[] = [];

  constructor(body: string) {
    this.pending = [{ id: 'm-1', priority: 'P2', body, receipt: 'r-1', receiveCount: 1, sentAt: new Date(0) }];
  }

  async receive(options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const message = this.pending.shift();
    if (!message) {
      await sleep(options.waitMs);
      return [];
    }
    this.leaseUntil = Date.now() + (options.visibilityMs ?? VISIBILITY_MS);
    await sleep(RECEIVE_TAKES_MS);
    return [message];
  }

  async extendVisibility(_message: ReceivedMessage, visibilityMs: number): Promise<boolean> {
    const now = Date.now();
    if (now > this.leaseUntil) this.lapses.push({ at: now, leaseUntil: this.leaseUntil });
    this.extensions.push(now);
    this.leaseUntil = now + visibilityMs;
    return true;
  }

  async ack(messages: readonly ReceivedMessage[]): Promise<void> {
    const now = Date.now();
    if (now > this.leaseUntil) this.lapses.push({ at: now, leaseUntil: this.leaseUntil });
    this.acked.push(...messages);
  }

  async send(_messages: readonly OutgoingMessage[]): Promise<void> {}
  async release(_message: ReceivedMessage, _delayMs: number, _options?: ReleaseOptions): Promise<void> {}
  async deadLetter(_message: ReceivedMessage, _reason: string): Promise<void> {}
  async listDeadLetters(): Promise<DeadLetter[]> {
    return [];
  }
  async mayHaveMessages(_probes: readonly SubjectProbe[]): Promise<Set<string>> {
    return new Set();
  }
  async redrive(): Promise<string[]> {
    return [];
  }
  async discardDeadLetters(): Promise<string[]> {
    return [];
  }
  async depth(): Promise<QueueDepth> {
    const tier = { visible: 0, delayed: 0, inFlight: 0 };
    return { tiers: { P1: tier, P2: tier, P3: tier }, deadLetters: 0 };
  }
  async close(): Promise<void> {}
}

describe('QueueConsumer keeps the lease of what it runs', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('extends visibility before it can lapse, counting the lease from the receive call, not from when the message is held', async () => {
    const body = encodeSubmissionMessage({
      jobId: 'j-1',
      directoryId: 'd-1',
      attempt: 1,
      priority: 'P2',
      correlationId: 'c',
      causationId: 'e',
    });
    const queue = new LeaseWatchingQueue(body);
    let finish: (result: ProcessResult) => void = () => undefined;
    const processor = {
      process: () => new Promise<ProcessResult>((resolve) => (finish = resolve)),
      unrecordedOutcomes: () => 0,
    };
    const errors: string[] = [];
    const consumer = new QueueConsumer(
      queue,
      processor,
      { workerId: 'w-test', beat: async () => undefined },
      {
        concurrency: 1,
        receiveWaitMs: 1000,
        visibilityTimeoutMs: VISIBILITY_MS,
        agingMs: 30_000,
        breakerThreshold: 10,
        breakerCooldownMs: 1000,
        heartbeatIntervalMs: 60_000,
        onError: (what) => errors.push(what),
      },
    );
    consumer.start();
    // A submission running for several visibility timeouts.
    for (let t = 0; t < 5 * VISIBILITY_MS; t += 50) await jest.advanceTimersByTimeAsync(50);
    finish({ action: 'ack', outcome: 'success' });
    await jest.advanceTimersByTimeAsync(50);
    const stopped = consumer.stop(0);
    await jest.advanceTimersByTimeAsync(3000);
    await stopped;

    expect(queue.lapses).toEqual([]);
    expect(queue.extensions.length).toBeGreaterThanOrEqual(4);
    expect(queue.acked.map((m) => m.id)).toEqual(['m-1']);
    expect(errors).toEqual([]);
  });
});
