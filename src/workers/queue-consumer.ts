import { withLogContext } from '../observability/logging/log-context';
import { CircuitBreaker, CircuitOpenError } from '../queue/circuit-breaker';
import type { MessageQueue, ReceivedMessage } from '../queue/queue.port';
import { parseSubmissionMessage } from '../queue/submission-message';
import { TierScheduler } from '../queue/tier-scheduler';
import { WakeableSleep } from '../shared/wakeable-sleep';
import { LeaseKeeper } from './lease-keeper';
import type { ConsumerOptions, ConsumerStats, Heartbeat, MessageProcessor } from './queue-consumer.types';
import type { ProcessResult } from './submission-processor';
import type { HeartbeatSnapshot, InFlightWork } from './worker-heartbeat';

export type { ConsumerOptions, ConsumerStats } from './queue-consumer.types';

interface Held {
  readonly message: ReceivedMessage;
  readonly work: InFlightWork;
  readonly abort: AbortController;
  /** When the receive that delivered it began: its lease cannot have started earlier. */
  readonly leaseFrom: number;
}

/**
 * The worker's loop: receive by priority (with aging), run each message with bounded
 * concurrency, keep its visibility extended while it runs, heartbeat, and settle it (ack,
 * release or dead-letter). Queue and database calls go through one circuit breaker, so a queue
 * that is down pauses the loop instead of spinning on errors.
 */
export class QueueConsumer {
  private readonly held = new Map<string, Held>();
  private readonly breaker: CircuitBreaker;
  private readonly scheduler: TierScheduler;
  private readonly pause = new WakeableSleep();
  private readonly stats = { received: 0, deadLettered: 0, released: 0, outcomes: {} as Record<string, number> };
  private stopping = false;
  private loop: Promise<void> | null = null;
  private beats: NodeJS.Timeout | null = null;
  private adapting: NodeJS.Timeout | null = null;
  private saturated = false;

  constructor(
    private readonly queue: MessageQueue,
    private readonly processor: MessageProcessor,
    private readonly heartbeat: Heartbeat,
    private readonly options: ConsumerOptions,
  ) {
    this.breaker = new CircuitBreaker(`consumer:${heartbeat.workerId}`, options.breakerThreshold, options.breakerCooldownMs);
    this.scheduler = new TierScheduler(options.agingMs, Date.now());
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.beats = setInterval(() => void this.beat(), this.options.heartbeatIntervalMs);
    const scale = this.options.autoscale;
    if (scale) {
      this.adapting = setInterval(() => {
        scale.governor.adapt(scale.sampler.sample(), this.saturated);
        this.saturated = this.held.size >= this.limit();
        this.pause.wake();
      }, scale.everyMs);
    }
    void this.beat();
  }

  /** Stop receiving; give running submissions `graceMs` to finish, then abort and release them. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    const deadline = Date.now() + graceMs;
    while (this.held.size > 0 && Date.now() < deadline) await sleep(50);
    for (const held of this.held.values()) held.abort.abort();
    // A site's answer not yet in the log is waited for however long it takes: dropped, the next
    // delivery would submit the listing again.
    while (this.held.size > 0 && (Date.now() < deadline + 5000 || this.processor.unrecordedOutcomes() > 0)) await sleep(50);
    if (this.beats) clearInterval(this.beats);
    if (this.adapting) clearInterval(this.adapting);
    // Not a whole long poll (up to 20 s): closing the queue next ends it; what it still returns is
    // released by the loop or, failing that, reappears after its visibility timeout.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await this.heartbeat
      .beat({ ...this.facts(), status: 'stopped', inFlight: [] })
      .catch((error: unknown) => this.options.onError('heartbeat', error));
  }

  snapshot(): ConsumerStats {
    const { received, deadLettered, released, outcomes } = this.stats;
    return {
      workerId: this.heartbeat.workerId,
      inFlight: this.held.size,
      concurrency: this.limit(),
      received,
      outcomes: { ...outcomes },
      deadLettered,
      released,
      breaker: this.breaker.snapshot(),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.limit() - this.held.size;
      const wait = this.breaker.waitMs();
      if (free <= 0 || wait > 0) {
        await this.pause.sleep(free <= 0 ? 1000 : wait);
        continue;
      }
      const leaseFrom = Date.now();
      const messages = await this.receive(Math.min(free, 10));
      for (const message of messages) {
        if (this.stopping) void this.settle(message, { action: 'release', delayMs: 0, reason: 'worker stopping' });
        else this.hold(message, leaseFrom);
      }
    }
  }

  private async receive(maxMessages: number): Promise<ReceivedMessage[]> {
    const order = this.scheduler.order(Date.now());
    try {
      // The lease asked for explicitly: the one the extensions are timed for, whatever the queue's default.
      const { receiveWaitMs: waitMs, visibilityTimeoutMs: visibilityMs } = this.options;
      const messages = await this.breaker.run(() => this.queue.receive({ priorities: order, maxMessages, waitMs, visibilityMs }));
      this.scheduler.record(order, messages[0]?.priority ?? null, Date.now());
      this.stats.received += messages.length;
      return messages;
    } catch (error) {
      if (!(error instanceof CircuitOpenError)) this.options.onError('receive', error);
      // Short: the breaker, not this backoff, is what pauses the loop when the queue is down.
      await this.pause.sleep(100 * 2 ** Math.min(4, this.breaker.snapshot().consecutiveFailures));
      return [];
    }
  }

  private hold(message: ReceivedMessage, leaseFrom: number): void {
    const parsed = parseSubmissionMessage(message.body);
    const work: InFlightWork = {
      jobId: parsed.ok ? parsed.message.jobId : '',
      directoryId: parsed.ok ? parsed.message.directoryId : '',
      messageId: message.id,
      priority: message.priority,
      receipt: message.receipt,
    };
    const held: Held = { message, work, abort: new AbortController(), leaseFrom };
    this.held.set(message.receipt, held);
    if (this.held.size >= this.limit()) this.saturated = true;
    void this.handle(held).finally(() => {
      this.held.delete(message.receipt);
      this.pause.wake();
    });
  }

  /** Every line written for this message carries the ids it brought (its correlation id from the HTTP request on). */
  private async handle(held: Held): Promise<void> {
    const parsed = parseSubmissionMessage(held.message.body);
    const ids = parsed.ok
      ? { correlationId: parsed.message.correlationId, jobId: parsed.message.jobId, directoryId: parsed.message.directoryId }
      : {};
    return withLogContext({ ...ids, messageId: held.message.id }, () => this.handleInContext(held));
  }

  private async handleInContext({ message, abort, leaseFrom }: Held): Promise<void> {
    const parsed = parseSubmissionMessage(message.body);
    if (!parsed.ok) return this.settle(message, { action: 'dead_letter', reason: parsed.reason });
    const { visibilityTimeoutMs, onError } = this.options;
    const lease = new LeaseKeeper(
      () => this.queue.extendVisibility(message, visibilityTimeoutMs),
      visibilityTimeoutMs,
      (error) => onError('extend visibility', error),
    );
    lease.start(leaseFrom);
    let result: ProcessResult;
    try {
      result = await this.breaker.run(() => this.processor.process(parsed.message, abort.signal));
    } catch (error) {
      if (!(error instanceof CircuitOpenError)) this.options.onError('process', error);
      result = { action: 'release', delayMs: 2000, reason: 'processing failed' };
    } finally {
      lease.stop();
    }
    await this.settle(message, result);
  }

  /** Settling failures are not fatal: an unsettled message reappears after its visibility timeout. */
  private async settle(message: ReceivedMessage, result: ProcessResult): Promise<void> {
    try {
      if (result.action === 'ack') {
        await this.breaker.run(() => this.queue.ack([message]));
        this.stats.outcomes[result.outcome] = (this.stats.outcomes[result.outcome] ?? 0) + 1;
      } else if (result.action === 'release') {
        await this.breaker.run(() => this.queue.release(message, result.delayMs, { countsAsAttempt: result.countsAsAttempt ?? true }));
        this.stats.released += 1;
      } else {
        await this.breaker.run(() => this.queue.deadLetter(message, result.reason));
        this.stats.deadLettered += 1;
      }
      this.options.onSettled?.(result);
    } catch (error) {
      if (!(error instanceof CircuitOpenError)) this.options.onError(`settle (${result.action})`, error);
    }
  }

  private limit(): number {
    return this.options.autoscale?.governor.current() ?? this.options.concurrency;
  }

  private async beat(): Promise<void> {
    const inFlight = [...this.held.values()].map((held) => held.work);
    const status = this.breaker.snapshot().state === 'open' ? 'paused' : inFlight.length > 0 ? 'running' : 'idle';
    await this.heartbeat.beat({ ...this.facts(), status, inFlight }).catch((error: unknown) => this.options.onError('heartbeat', error));
  }

  /** What the fleet view shows beside the status: the concurrency now and at most, the breaker. */
  private facts(): Pick<HeartbeatSnapshot, 'concurrency' | 'breaker'> {
    return { concurrency: { limit: this.limit(), max: this.options.concurrency }, breaker: this.breaker.snapshot() };
  }
}

const STOP_WAIT_MS = 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
