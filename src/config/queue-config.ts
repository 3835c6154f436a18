import type { EnvReader } from './env-reader';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export interface SqsConfig {
  /** Absent: the SDK's regional endpoint. Set it for an emulator (fauxqs) or a VPC endpoint. */
  readonly endpoint: string | null;
  readonly region: string;
  /** Queues are `<prefix>-p1`, `-p2`, `-p3` and `<prefix>-dlq`. */
  readonly queuePrefix: string;
  /** Create missing queues (and set their attributes) at boot; otherwise only verify they exist. */
  readonly createQueues: boolean;
  /** Deadline of one SQS call (plus the long-poll wait): a backend that accepts but never answers must not hang the loop. */
  readonly requestTimeoutMs?: number;
  /** Absent: the SDK's default credential chain. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
}

export interface QueueConfig {
  readonly kind: 'postgres' | 'sqs';
  readonly sqs: SqsConfig;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  readonly receiveWaitMs: number;
  readonly retentionMs: number;
  readonly deadLetterRetentionMs: number;
  /** A tier not served for this long goes first for one receive: P3 progresses under a P1 flood. */
  readonly agingMs: number;
  /** How often dead letters are looked for and recorded as events. */
  readonly deadLetterScanMs: number;
}

export interface RetryConfig {
  /** Attempts in all, the first included: 4 = one try and three retries. */
  readonly maxAttempts: number;
  /** Ceiling of the first retry's delay; doubles per retry up to maxDelayMs (full jitter below it). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Full jitter can draw ~0: never retry sooner than this. */
  readonly minDelayMs: number;
}

export interface WorkerConfig {
  /** Submissions at once; with autoscale, the most it may go to. */
  readonly concurrency: number;
  /** Adapt concurrency between minConcurrency and concurrency to CPU and memory (Crawlee-style). */
  readonly autoscale: boolean;
  readonly minConcurrency: number;
  readonly heartbeatIntervalMs: number;
  /** No heartbeat for this long: the worker is stale and its in-flight work is released. */
  readonly staleAfterMs: number;
  /** A job in progress with no progress and nothing in flight for this long is requeued. */
  readonly jobStallAfterMs: number;
  readonly sweepIntervalMs: number;
  /** Consecutive queue or database errors that open the consumer's circuit breaker. */
  readonly breakerThreshold: number;
  readonly breakerCooldownMs: number;
}

export function readQueueConfig(read: EnvReader, problems: string[]): QueueConfig {
  const endpoint = read.url('SQS_ENDPOINT', ['http:', 'https:']);
  const kind = read.oneOf('QUEUE', ['postgres', 'sqs'] as const, endpoint ? 'sqs' : 'postgres');
  const accessKeyId = read.string('SQS_ACCESS_KEY_ID', '');
  const secretAccessKey = read.string('SQS_SECRET_ACCESS_KEY', '');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) problems.push('SQS_ACCESS_KEY_ID and SQS_SECRET_ACCESS_KEY must be set together');
  const queuePrefix = read.string('SQS_QUEUE_PREFIX', 'directorybolt');
  if (!/^[A-Za-z0-9_-]{1,70}$/.test(queuePrefix)) problems.push('SQS_QUEUE_PREFIX must be 1–70 letters, digits, - or _');
  const config: QueueConfig = {
    kind,
    sqs: {
      endpoint,
      region: read.string('SQS_REGION', 'us-east-1'),
      queuePrefix,
      createQueues: read.bool('SQS_CREATE_QUEUES', true),
      requestTimeoutMs: read.int('SQS_REQUEST_TIMEOUT_MS', 5000, 100, 120_000),
      // An emulator takes any credentials; the SDK still wants some.
      credentials: accessKeyId ? { accessKeyId, secretAccessKey } : endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : null,
    },
    visibilityTimeoutMs: read.int('QUEUE_VISIBILITY_TIMEOUT_MS', 5 * MINUTE, SECOND, 12 * 60 * MINUTE),
    maxReceiveCount: read.int('QUEUE_MAX_RECEIVE_COUNT', 3, 1, 1000),
    receiveWaitMs: read.int('QUEUE_RECEIVE_WAIT_MS', 20 * SECOND, 0, 20 * SECOND),
    retentionMs: read.int('QUEUE_RETENTION_MS', 4 * DAY, MINUTE, 14 * DAY),
    deadLetterRetentionMs: read.int('QUEUE_DLQ_RETENTION_MS', 14 * DAY, MINUTE, 14 * DAY),
    agingMs: read.int('QUEUE_AGING_MS', 30 * SECOND, 0, 60 * MINUTE),
    deadLetterScanMs: read.int('QUEUE_DLQ_SCAN_MS', 30 * SECOND, 100, 60 * MINUTE),
  };
  if (kind === 'sqs' && !endpoint && !config.sqs.region) problems.push('QUEUE=sqs needs SQS_REGION or SQS_ENDPOINT');
  return config;
}

export function readRetryConfig(read: EnvReader, problems: string[]): RetryConfig {
  const config: RetryConfig = {
    maxAttempts: read.int('RETRY_MAX_ATTEMPTS', 4, 1, 20),
    baseDelayMs: read.int('RETRY_BASE_DELAY_MS', 30 * SECOND, 0, 60 * MINUTE),
    maxDelayMs: read.int('RETRY_MAX_DELAY_MS', 120 * SECOND, 0, 15 * MINUTE),
    minDelayMs: read.int('RETRY_MIN_DELAY_MS', SECOND, 0, 15 * MINUTE),
  };
  if (config.maxDelayMs < config.minDelayMs) problems.push('RETRY_MAX_DELAY_MS must not be less than RETRY_MIN_DELAY_MS');
  return config;
}

export function readWorkerConfig(read: EnvReader, problems: string[]): WorkerConfig {
  const config: WorkerConfig = {
    concurrency: read.int('WORKER_CONCURRENCY', 4, 1, 64),
    autoscale: read.bool('WORKER_AUTOSCALE', true),
    minConcurrency: read.int('WORKER_MIN_CONCURRENCY', 1, 1, 64),
    heartbeatIntervalMs: read.int('WORKER_HEARTBEAT_MS', 30 * SECOND, 100, 10 * MINUTE),
    staleAfterMs: read.int('WORKER_STALE_AFTER_MS', 2 * MINUTE, SECOND, 60 * MINUTE),
    jobStallAfterMs: read.int('JOB_STALL_AFTER_MS', 10 * MINUTE, SECOND, 24 * 60 * MINUTE),
    sweepIntervalMs: read.int('STALE_SWEEP_INTERVAL_MS', 30 * SECOND, 100, 60 * MINUTE),
    breakerThreshold: read.int('BREAKER_THRESHOLD', 10, 1, 1000),
    breakerCooldownMs: read.int('BREAKER_COOLDOWN_MS', 30 * SECOND, 10, 60 * MINUTE),
  };
  if (config.staleAfterMs <= config.heartbeatIntervalMs) problems.push('WORKER_STALE_AFTER_MS must be longer than WORKER_HEARTBEAT_MS');
  if (config.minConcurrency > config.concurrency) problems.push('WORKER_MIN_CONCURRENCY must not be more than WORKER_CONCURRENCY');
  return config;
}
