import { Get, Inject } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { LocalWorker } from '../../workers/workers.module';
import type { ConsumerStats } from '../../workers/queue-consumer';
import { DeadLetters, type DeadLetterCounts } from '../dead-letters.service';
import { MESSAGE_QUEUE, type MessageQueue, type QueueDepth } from '../queue.port';

export interface QueueStatus {
  readonly kind: MessageQueue['kind'];
  readonly depth: QueueDepth;
  /** This process's dead-letter scan and redrive counters (the dispatcher's process records them). */
  readonly deadLetters: DeadLetterCounts;
  /** This process's worker, with its circuit breaker; null when it has no worker role. */
  readonly worker: ConsumerStats | null;
}

@StaffController('admin/queue')
export class QueueStatusController {
  constructor(
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(LocalWorker) private readonly worker: LocalWorker,
  ) {}

  @Get()
  async status(): Promise<QueueStatus> {
    return {
      kind: this.queue.kind,
      depth: await this.queue.depth(),
      deadLetters: { ...this.deadLetters.counts },
      worker: this.worker.stats(),
    };
  }
}
