import type { RetryConfig } from '../config/queue-config';
import type { DirectoryTargets } from '../directories/directory-targets.repository';
import {
  EventTooLargeError,
  InvalidAppendError,
  InvalidEventDataError,
  WrongExpectedVersionError,
} from '../event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { SubmissionMessage } from '../queue/submission-message';
import { MAX_DELAY_MS } from '../queue/queue.port';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import { deterministicUuid } from '../shared/deterministic-id';
import { reopenSubmission } from '../submission-flow/reopen-submission';
import { scheduleSubmission } from '../submission-flow/schedule-submission';
import { isTerminal, submissionDecider, type SubmissionCommand } from '../submissions/submission.decider';
import type { JobQueued } from '../jobs/job.events';
import { submissionStreamId } from '../submissions/submission.events';
import { checkDuplicate, noteAccepted, type DuplicateGate } from './duplicate-check';
import { readJob, readSubmission, type JobContext, type SubmissionContext } from './job-context';
import { resultCommand } from './result-command';
import type { DirectoryTarget, Submitter, SubmissionOutcome } from './submitter.port';
import type { PresenceCheck } from './worker-liveness';

export type ProcessResult =
  | { readonly action: 'ack'; readonly outcome: string }
  /** countsAsAttempt false: handed back unused because the submission runs elsewhere; not a sign of a poison message. */
  | { readonly action: 'release'; readonly delayMs: number; readonly reason: string; readonly countsAsAttempt?: boolean }
  | { readonly action: 'dead_letter'; readonly reason: string };

export interface ProcessorDeps {
  readonly store: EventStore;
  readonly submitter: Submitter;
  readonly targets: DirectoryTargets;
  /** Is that worker alive, and running this submission? Guards against running one submission twice at once. */
  readonly presence: PresenceCheck;
  readonly retry: RetryConfig;
  readonly workerId: string;
  readonly idempotencyWindowDays: number;
  /** Duplicate suppression across jobs: asked right before the site is. */
  readonly duplicates: DuplicateGate;
  readonly visibilityTimeoutMs: number;
  readonly random?: () => number;
  /** Failures the worker survives (a result append retried, a learned mapping not stored). */
  readonly onError?: (what: string, error: unknown) => void;
}

/** Appends that no retry can make succeed: retrying them would hold the worker's slot forever. */
const isFinal = (error: unknown): boolean =>
  error instanceof DomainError ||
  error instanceof InvalidAppendError ||
  error instanceof EventTooLargeError ||
  error instanceof InvalidEventDataError;

/** Backoff of the result append: short at first, then steady for as long as the worker lives. */
const OUTCOME_RETRY_BASE_MS = 100;
const OUTCOME_RETRY_MAX_MS = 2000;

/**
 * One message: already done? skip : pre-write the attempt, submit, classify, append the result.
 * Store failures before the site is asked throw (the consumer releases the message and counts
 * them in its breaker); once it has answered, the result append is retried until it lands. A
 * site's behaviour never throws, it becomes an outcome.
 */
export class SubmissionProcessor {
  /** Submissions running in this worker: a duplicate message (SQS delivers at least once) waits its turn. */
  private readonly running = new Set<string>();
  private unrecorded = 0;

  constructor(private readonly deps: ProcessorDeps) {}

  /** Site answers held but not yet in the log: the worker must not go away before they are. */
  unrecordedOutcomes(): number {
    return this.unrecorded;
  }

  async process(message: SubmissionMessage, signal: AbortSignal): Promise<ProcessResult> {
    const key = `${message.jobId}/${message.directoryId}`;
    // Back after a visibility timeout: by then the running one is done (or its lease has lapsed).
    if (this.running.has(key))
      return {
        action: 'release',
        delayMs: this.deps.visibilityTimeoutMs,
        reason: 'the same submission is running in this worker',
        countsAsAttempt: false,
      };
    this.running.add(key);
    try {
      return await this.processOnce(message, signal);
    } finally {
      this.running.delete(key);
    }
  }

  private async processOnce(message: SubmissionMessage, signal: AbortSignal): Promise<ProcessResult> {
    const job = await readJob(this.deps.store, message.jobId);
    if (!job) return { action: 'dead_letter', reason: `job ${message.jobId} does not exist` };
    if (!job.created.data.directoryIds.includes(message.directoryId)) {
      return { action: 'dead_letter', reason: `directory ${message.directoryId} is not part of job ${message.jobId}` };
    }
    if (job.status === 'cancelled') return { action: 'ack', outcome: 'skipped: job cancelled' };
    const submission = await this.reopened(await this.scheduled(job, message), message);
    const skip = await this.skipReason(submission, message);
    if (skip) return skip;
    const duplicate = await checkDuplicate(this.deps.duplicates, job.created.data, message.directoryId, this.deps.workerId, (command) =>
      this.command(message, submission.version, command),
    );
    if (duplicate) return duplicate;
    const started = await this.command(message, submission.version, { type: 'StartAttempt', data: { workerId: this.deps.workerId } });
    if (started === null) return { action: 'release', delayMs: 1000, reason: 'submission changed concurrently' };
    const target = await this.deps.targets.get(message.directoryId);
    const outcome: SubmissionOutcome = target
      ? await this.deps.submitter.submit(
          {
            jobId: message.jobId,
            directoryId: message.directoryId,
            attempt: submission.state.attempts + 1,
            idempotencyKey: submission.state.idempotencyKey,
            directory: target,
            business: job.created.data.business,
          },
          signal,
        )
      : { kind: 'permanent', message: `directory ${message.directoryId} is not in the catalog`, evidencePath: null, mappingUsed: null };
    // Backoff grows with the attempts of this run (a staff retry starts a fresh budget).
    await this.recordOutcome(
      message,
      started,
      resultCommand(outcome, submission.state.attempts + 1 - submission.state.attemptsBeforeReopen, this.deps.retry, this.deps.random),
    );
    await noteAccepted(this.deps.duplicates, job.created.data, message.directoryId, outcome, this.deps.onError);
    if (target) await this.learn(target, outcome);
    return { action: 'ack', outcome: outcome.kind };
  }

  /**
   * The site has answered: nothing else happens until that is in the log, or the next delivery
   * would take this attempt for a lost one and submit again. Retried under one event id, so a
   * write whose answer was lost is not written twice; a version conflict means someone (or that
   * lost write) recorded first. Only an append that can never succeed is given up.
   */
  private async recordOutcome(message: SubmissionMessage, started: number, command: SubmissionCommand): Promise<void> {
    const eventId = deterministicUuid('submission-outcome', submissionStreamId(message.jobId, message.directoryId), String(started));
    this.unrecorded += 1;
    try {
      for (let failures = 0; ; failures += 1) {
        try {
          await this.command(message, started, command, [eventId]);
          return;
        } catch (error) {
          if (isFinal(error)) throw error;
          this.deps.onError?.(`recording the outcome of ${message.jobId}/${message.directoryId} (retrying)`, error);
          await sleep(Math.min(OUTCOME_RETRY_MAX_MS, OUTCOME_RETRY_BASE_MS * 2 ** failures));
        }
      }
    } finally {
      this.unrecorded -= 1;
    }
  }

  /** Best effort, after the result: a person's curated mapping is never replaced by a guess; a learned one is, when it no longer fits. */
  private async learn(target: DirectoryTarget, outcome: SubmissionOutcome): Promise<void> {
    await this.deps.targets.noteMappingHealth(target, outcome).catch((error: unknown) => {
      this.deps.onError?.(`noting the mapping health of ${target.id}`, error);
    });
    if (!outcome.mappingUsed || target.mappingSource === 'curated') return;
    try {
      await this.deps.targets.saveLearned(target.id, outcome.mappingUsed);
    } catch (error) {
      this.deps.onError?.(`storing the learned mapping of ${target.id}`, error);
    }
  }

  /** The scheduler reaction may not have run yet: schedule it the same (idempotent) way. */
  private async scheduled(job: JobContext, message: SubmissionMessage): Promise<SubmissionContext> {
    const current = await readSubmission(this.deps.store, message.jobId, message.directoryId);
    if (current.state.exists) return current;
    const queued = job.events.find((e): e is RecordedEvent<JobQueued> => e.type === 'JobQueued');
    if (!queued) throw new Error(`job ${message.jobId} has no JobQueued event`);
    try {
      await scheduleSubmission(this.deps.store, queued, job.created, message.directoryId, this.deps.idempotencyWindowDays);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    return readSubmission(this.deps.store, message.jobId, message.directoryId);
  }

  /** A staff retry whose reopening the scheduler reaction has not done yet: do it here, the same way. */
  private async reopened(current: SubmissionContext, message: SubmissionMessage): Promise<SubmissionContext> {
    if (!message.reopen || !isTerminal(current.state) || current.state.reopenedBy.includes(message.causationId)) return current;
    const { jobId, directoryId, causationId: requeueId, correlationId } = message;
    await reopenSubmission(this.deps.store, { jobId, directoryId, requeueId, correlationId }, { kind: 'worker', id: this.deps.workerId });
    // Read again whoever reopened it (we, or the reaction a moment before).
    return readSubmission(this.deps.store, jobId, directoryId);
  }

  private async skipReason({ state, last }: SubmissionContext, message: SubmissionMessage): Promise<ProcessResult | null> {
    if (isTerminal(state)) return { action: 'ack', outcome: `skipped: already ${state.status}` };
    // A message from before the retry was scheduled: the retry's own (delayed) message runs it.
    if (state.status === 'retry_scheduled' && message.attempt <= state.attempts)
      return { action: 'ack', outcome: 'skipped: superseded by a scheduled retry' };
    if (state.status === 'in_progress' && last?.type === 'SubmissionAttemptStarted') {
      const { workerId } = last.data;
      if (workerId !== this.deps.workerId) return this.runningElsewhere(workerId, last.recordedAt, message);
    }
    return null;
  }

  /**
   * Another worker's attempt is live while that worker is alive and holds the submission, however
   * long it has run; just started, its heartbeat may not list it yet, so within a visibility
   * timeout alive is enough. Otherwise that attempt was lost: run a new one.
   */
  private async runningElsewhere(workerId: string, startedAt: Date, message: SubmissionMessage): Promise<ProcessResult | null> {
    const { visibilityTimeoutMs } = this.deps;
    const runningFor = Date.now() - startedAt.getTime();
    const presence = await this.deps.presence(workerId, message.jobId, message.directoryId);
    const reason = `attempt running on live worker ${workerId}`;
    if (presence === 'running-it')
      return { action: 'release', delayMs: Math.min(visibilityTimeoutMs, MAX_DELAY_MS), reason, countsAsAttempt: false };
    if (presence === 'alive' && runningFor < visibilityTimeoutMs)
      return { action: 'release', delayMs: visibilityTimeoutMs - runningFor, reason, countsAsAttempt: false };
    return null;
  }

  /** Appends with the version read; returns the new version, or null if someone else wrote first. */
  private async command(
    message: SubmissionMessage,
    expectedVersion: number,
    command: SubmissionCommand,
    eventIds?: readonly string[],
  ): Promise<number | null> {
    try {
      const result = await executeCommand(
        this.deps.store,
        submissionStreamId(message.jobId, message.directoryId),
        submissionDecider,
        command,
        {
          expectedVersion,
          eventIds,
          metadata: {
            actor: { kind: 'worker', id: this.deps.workerId },
            correlationId: message.correlationId,
            causationId: message.causationId,
          },
        },
      );
      return result.version;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return null;
      throw error;
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
