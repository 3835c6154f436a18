import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type {
  DeadLetter,
  MessageQueue,
  OutgoingMessage,
  Priority,
  QueueDepth,
  QueueSettings,
  ReceiveOptions,
  ReceivedMessage,
  RedriveSelection,
  ReleaseOptions,
  SubjectProbe,
} from '../queue.port';
import * as sql from './postgres-queue.sql';
import { toDeadLetter, toDepth, toReceived, type DeadLetterRow, type DepthRow, type ReceiveRow } from './postgres-queue.rows';
import {
  MAX_VISIBILITY_MS,
  checkDeadLetterPage,
  checkIds,
  checkMilliseconds,
  checkOutgoing,
  checkProbes,
  checkReceive,
  checkRedrive,
  checkSettings,
  type ValidReceive,
} from './postgres-queue.validation';
import { decodeReceipt, decodeReceipts } from './queue-receipt';
import { ChannelWake } from '../../database/channel-wake';

/** Rows per INSERT: one round trip each, parameters stay far below the protocol's limit. */
/** NOTIFY channel of messages that may have become visible. */
export const QUEUE_CHANNEL = 'dbolt_queue';
const SEND_CHUNK = 1000;
/** A long poll looks again at least this often, in case a NOTIFY was lost. */
const POLL_FALLBACK_MS = 2000;
/** Never spin: a message due "now" may still be locked by another receiver's statement. */
const MIN_WAIT_MS = 5;
/** Expired messages are purged opportunistically, by a receive, at most this often per process. */
const PURGE_EVERY_MS = 60_000;

export interface PostgresQueueOptions {
  readonly pool: Pool;
  readonly settings: QueueSettings;
  /** NOTIFY/LISTEN across processes (a real server); false on PGlite (one process). */
  readonly listen: boolean;
}

export async function openPostgresQueue(options: PostgresQueueOptions): Promise<MessageQueue> {
  checkSettings(options.settings);
  const queue = new PostgresMessageQueue(options.pool, options.settings, new ChannelWake(options.pool, QUEUE_CHANNEL, options.listen));
  await queue.start();
  return queue;
}

/** The embedded durable queue: tables from migration 009; all times are the database's now(). */
export class PostgresMessageQueue implements MessageQueue {
  readonly kind = 'postgres' as const;
  private closed = false;
  private purging: Promise<unknown> | null = null;
  private lastPurgeAt = Number.NEGATIVE_INFINITY;
  private readonly deadLetterError: string;

  constructor(
    private readonly pool: Pool,
    private readonly settings: QueueSettings,
    private readonly wake: ChannelWake,
  ) {
    this.deadLetterError = `maxReceiveCount (${settings.maxReceiveCount}) exceeded`;
  }

  start(): Promise<void> {
    return this.wake.start();
  }

  async send(messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    checkOutgoing(messages);
    for (let start = 0; start < messages.length; start += SEND_CHUNK) {
      const chunk = messages.slice(start, start + SEND_CHUNK);
      await this.pool.query(sql.SEND_SQL, [
        chunk.map((m) => m.id),
        chunk.map((m) => m.priority),
        chunk.map((m) => m.body),
        chunk.map((m) => Math.ceil(m.delayMs ?? 0)),
        chunk.map((m) => m.subject ?? null),
      ]);
      this.wake.changed();
    }
  }

  async receive(options: ReceiveOptions): Promise<ReceivedMessage[]> {
    if (this.closed) return [];
    const request = checkReceive(options, this.settings.visibilityTimeoutMs);
    this.purgeNowAndThen();
    const deadline = performance.now() + request.waitMs;
    while (!this.closed) {
      const seen = this.wake.version;
      const received = await this.receiveVisible(request);
      const left = deadline - performance.now();
      if (received.length > 0 || left <= 0) return received;
      const untilVisible = await this.untilNextVisible(request.priorities);
      await this.wake.wait(Math.min(left, untilVisible), seen);
    }
    return [];
  }

  async extendVisibility(message: ReceivedMessage, visibilityMs: number): Promise<boolean> {
    const ms = checkMilliseconds(visibilityMs, 'extendVisibility: visibilityMs', MAX_VISIBILITY_MS);
    const delivery = decodeReceipt(message?.receipt);
    if (!delivery) return false;
    const { rowCount } = await this.pool.query(sql.EXTEND_SQL, [delivery.id, delivery.receipt, ms]);
    return rowCount === 1;
  }

  async ack(messages: readonly ReceivedMessage[]): Promise<void> {
    if (!Array.isArray(messages)) throw new Error('ack takes an array of received messages');
    const deliveries = decodeReceipts(messages);
    if (deliveries.length === 0) return;
    await this.pool.query(sql.ACK_SQL, [deliveries.map((d) => d.id), deliveries.map((d) => d.receipt)]);
  }

  async release(message: ReceivedMessage, delayMs: number, options: ReleaseOptions = {}): Promise<void> {
    const ms = checkMilliseconds(delayMs, 'release: delayMs', MAX_VISIBILITY_MS);
    const delivery = decodeReceipt(message?.receipt);
    if (!delivery) return;
    const takeBack = options.countsAsAttempt === false ? 1 : 0;
    const { rowCount } = await this.pool.query(sql.RELEASE_SQL, [delivery.id, delivery.receipt, ms, takeBack]);
    if (rowCount) this.wake.changed();
  }

  async deadLetter(message: ReceivedMessage, reason: string): Promise<void> {
    const delivery = decodeReceipt(message?.receipt);
    if (!delivery) return;
    const why = String(reason ?? '').replace(/\0/g, '') || 'dead-lettered without a reason';
    await this.pool.query(sql.DEAD_LETTER_SQL, [delivery.id, delivery.receipt, why]);
  }

  async listDeadLetters(options: { readonly limit: number; readonly after?: string }): Promise<DeadLetter[]> {
    const { limit, after } = checkDeadLetterPage(options);
    const { rows } = await this.pool.query<DeadLetterRow>(sql.LIST_DEAD_LETTERS_SQL, [limit, after]);
    return rows.map(toDeadLetter);
  }

  async redrive(selection: RedriveSelection): Promise<string[]> {
    const ids = checkRedrive(selection);
    if (ids?.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(sql.REDRIVE_SQL, [ids]);
    if (rows.length > 0) this.wake.changed();
    return rows.map((row) => row.id);
  }

  async discardDeadLetters(ids: readonly string[]): Promise<string[]> {
    const selected = checkIds(ids, 'discardDeadLetters: ids');
    if (selected.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(sql.DISCARD_DEAD_LETTERS_SQL, [selected]);
    return rows.map((row) => row.id);
  }

  async depth(): Promise<QueueDepth> {
    const { rows } = await this.pool.query<DepthRow>(sql.DEPTH_SQL);
    return toDepth(rows);
  }

  async mayHaveMessages(probes: readonly SubjectProbe[]): Promise<Set<string>> {
    const subjects = checkProbes(probes);
    if (subjects.length === 0) return new Set();
    const { rows } = await this.pool.query<{ subject: string }>(sql.MAY_HAVE_MESSAGES_SQL, [subjects]);
    return new Set(rows.map((row) => row.subject));
  }

  /** Deletes messages past retention (counted from enqueue or redrive) and old dead letters. */
  async purgeExpired(): Promise<{ messages: number; deadLetters: number }> {
    const { rows } = await this.pool.query<{ messages: number; dead_letters: number }>(sql.PURGE_SQL, [
      this.settings.retentionMs,
      this.settings.deadLetterRetentionMs,
    ]);
    return { messages: rows[0].messages, deadLetters: rows[0].dead_letters };
  }

  /**
   * Ends the LISTEN connection and long polls (they return empty). Sends are refused after it;
   * acks and heartbeats still work while the caller's pool is open, so in-flight work can finish.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.wake.close();
    await this.purging;
  }

  /** Messages received maxReceiveCount times are buried, not delivered: fill their places. */
  private async receiveVisible(request: ValidReceive): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    for (;;) {
      const { rows } = await this.pool.query<ReceiveRow>(sql.RECEIVE_SQL, [
        request.priorities,
        request.maxMessages - received.length,
        request.visibilityMs,
        this.settings.maxReceiveCount,
        this.deadLetterError,
      ]);
      received.push(...toReceived(rows));
      if ((rows[0]?.buried ?? 0) === 0 || received.length >= request.maxMessages) return received;
    }
  }

  private async untilNextVisible(priorities: readonly Priority[]): Promise<number> {
    const { rows } = await this.pool.query<{ wait_ms: number | null }>(sql.NEXT_VISIBLE_SQL, [priorities]);
    const waitMs = rows[0]?.wait_ms;
    return waitMs === null || waitMs === undefined ? POLL_FALLBACK_MS : Math.min(POLL_FALLBACK_MS, Math.max(MIN_WAIT_MS, waitMs + 1));
  }

  private purgeNowAndThen(): void {
    const now = performance.now();
    if (this.purging || now - this.lastPurgeAt < PURGE_EVERY_MS) return;
    this.lastPurgeAt = now;
    this.purging = this.purgeExpired()
      .catch(() => undefined) // retried a minute later; never fails a receive
      .finally(() => {
        this.purging = null;
      });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The PostgreSQL message queue is closed');
  }
}
