import type { AppConfig } from '../config/app-config';
import type { Database } from '../database/database';
import { openPostgresQueue } from './postgres/postgres.queue';
import type { MessageQueue, QueueSettings } from './queue.port';
import { openSqsQueue } from './sqs/sqs.queue';

export function queueSettings(config: AppConfig): QueueSettings {
  const { visibilityTimeoutMs, maxReceiveCount, receiveWaitMs, retentionMs, deadLetterRetentionMs } = config.queue;
  return { visibilityTimeoutMs, maxReceiveCount, receiveWaitMs, retentionMs, deadLetterRetentionMs };
}

/** SQS when configured, otherwise the durable PostgreSQL queue in the app's own database. */
export function openMessageQueue(config: AppConfig, database: Database): Promise<MessageQueue> {
  const settings = queueSettings(config);
  if (config.queue.kind === 'sqs')
    return openSqsQueue({ config: config.queue.sqs, settings, requestTimeoutMs: config.queue.sqs.requestTimeoutMs });
  // PGlite does not carry NOTIFY across connections; its one process wakes its own waiters.
  return openPostgresQueue({ pool: database.pool, settings, listen: database.mode === 'external' });
}
