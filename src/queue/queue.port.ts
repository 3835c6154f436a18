import type { Priority } from '../jobs/job.events';

export type { Priority } from '../jobs/job.events';
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3'];
export const MESSAGE_QUEUE = Symbol('MESSAGE_QUEUE');

/** SQS's own limits, kept by both adapters so that code that works on one works on the other. */
export const MAX_BATCH_SIZE = 10;
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_DELAY_MS = 15 * 60 * 1000;

export interface OutgoingMessage {
  /**
   * Chosen by the sender and stable across resends (derived from the event that caused it),
   * so operators can follow one message; delivery stays at-least-once either way.
   */
  readonly id: string;
  readonly priority: Priority;
  readonly body: string;
  /** What the message is about (e.g. one submission), for `mayHaveMessages`; opaque to the queue. */
  readonly subject?: string;
  /** Not visible before this many ms (0–15 min, as SQS `DelaySeconds` allows, rounded up to whole seconds on SQS). */
  readonly delayMs?: number;
}

export interface ReceivedMessage {
  readonly id: string;
  readonly priority: Priority;
  readonly body: string;
  /** Opaque; valid only for this delivery. A stale receipt (the message was redelivered) cannot ack. */
  readonly receipt: string;
  /** 1 on the first delivery. */
  readonly receiveCount: number;
  readonly sentAt: Date;
}

export interface ReceiveOptions {
  /** Tiers in order of preference: the first tier with visible messages is served. */
  readonly priorities: readonly Priority[];
  /** 1–10. */
  readonly maxMessages: number;
  /** Long poll: wait up to this long for a message when none is visible (0 = return at once). */
  readonly waitMs: number;
  /** Overrides the queue's visibility timeout for these deliveries. */
  readonly visibilityMs?: number;
}

export interface ReleaseOptions {
  /**
   * False: this delivery is given back unused (its work is running elsewhere) and does not bring
   * the message closer to the dead letters — the next delivery reports the count this one had.
   * Default true.
   */
  readonly countsAsAttempt?: boolean;
}

export interface DeadLetter {
  readonly id: string;
  readonly priority: Priority;
  readonly body: string;
  readonly receiveCount: number;
  readonly firstFailureAt: Date | null;
  readonly lastFailureAt: Date | null;
  /** Why it was dead-lettered: an explicit reason, or "maxReceiveCount exceeded". */
  readonly error: string | null;
  readonly deadLetteredAt: Date;
}

export interface TierDepth {
  /** Visible now. */
  readonly visible: number;
  /**
   * Sent with a delay and not yet visible. A message released with a delay counts here on
   * PostgreSQL; SQS implements release as a visibility change and counts it as in flight.
   */
  readonly delayed: number;
  /** Received and neither acked nor expired (on SQS also: released with a delay). */
  readonly inFlight: number;
}

export interface QueueDepth {
  readonly tiers: Readonly<Record<Priority, TierDepth>>;
  readonly deadLetters: number;
}

export interface SubjectProbe {
  readonly subject: string;
  /** The tier its messages are sent to. */
  readonly priority: Priority;
}

export type RedriveSelection = { readonly ids: readonly string[] } | { readonly all: true };

/**
 * A work queue with visibility timeouts, in the shape of SQS: at-least-once delivery, a
 * receive count per message, dead letters after `maxReceiveCount` receives. Consumers must be
 * idempotent. Adapters: SQS (`sqs/`), PostgreSQL (`postgres/`); one contract suite for both.
 */
export interface MessageQueue {
  readonly kind: 'sqs' | 'postgres';
  /**
   * Any number of messages; sent in batches of at most MAX_BATCH_SIZE. Resending an id that is
   * still queued is dropped on PostgreSQL and delivered as a second copy on SQS: consumers are
   * idempotent either way.
   */
  send(messages: readonly OutgoingMessage[]): Promise<void>;
  receive(options: ReceiveOptions): Promise<ReceivedMessage[]>;
  /** Heartbeat: the message stays invisible for `visibilityMs` from now. False if the receipt is stale. */
  extendVisibility(message: ReceivedMessage, visibilityMs: number): Promise<boolean>;
  /** Done with it: deleted. Stale receipts are ignored (another delivery owns the message). */
  ack(messages: readonly ReceivedMessage[]): Promise<void>;
  /**
   * Give it back: visible again after `delayMs` (0 = now). Its receive count stays, or with
   * `countsAsAttempt: false` goes back to what it was before this delivery.
   */
  release(message: ReceivedMessage, delayMs: number, options?: ReleaseOptions): Promise<void>;
  /** Straight to the dead letters with a reason (malformed or unknown-version body). */
  deadLetter(message: ReceivedMessage, reason: string): Promise<void>;
  /** Oldest first; `after` is the last id of the previous page. */
  listDeadLetters(options: { readonly limit: number; readonly after?: string }): Promise<DeadLetter[]>;
  /** Back to their tier's queue with receive count 0; returns the ids redriven (unknown ids are skipped). */
  redrive(selection: RedriveSelection): Promise<string[]>;
  /**
   * Deletes these dead letters (their work was re-sent another way, e.g. the dispatcher sent a
   * fresh message for a SubmissionRedriven event); returns the ids deleted, unknown ids skipped.
   */
  discardDeadLetters(ids: readonly string[]): Promise<string[]>;
  depth(): Promise<QueueDepth>;
  /**
   * Of these subjects, those that may still have a message here — waiting, delayed, in flight or
   * dead-lettered — so that nobody resends what is merely waiting. PostgreSQL answers exactly
   * from its tables. SQS cannot look into a queue without receiving from it: it answers "may"
   * for every subject whose tier has messages waiting or delayed, and cannot see its DLQ by subject.
   */
  mayHaveMessages(probes: readonly SubjectProbe[]): Promise<Set<string>>;
  close(): Promise<void>;
}

export interface QueueSettings {
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  readonly receiveWaitMs: number;
  readonly retentionMs: number;
  readonly deadLetterRetentionMs: number;
}
