import type { Actor, EventStore } from '../event-store/event-store.port';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionDecider, type SubmissionCommand } from '../submissions/submission.decider';
import { submissionStreamId } from '../submissions/submission.events';
import type { DeadLetter, MessageQueue } from './queue.port';
import { parseSubmissionMessage } from './submission-message';

export interface DeadLetterView extends DeadLetter {
  readonly jobId: string | null;
  readonly directoryId: string | null;
  /** Why the body cannot be redriven (malformed, unknown version), if so. */
  readonly malformed: string | null;
}

export interface RedriveReport {
  readonly redriven: readonly { readonly id: string; readonly jobId: string; readonly directoryId: string }[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

export interface DeadLetterCounts {
  scanned: number;
  recorded: number;
  malformed: number;
  redriven: number;
}

const MONITOR: Actor = { kind: 'system', id: 'dead-letter-monitor' };

/**
 * Dead letters as operators see them: each is recorded on its submission as
 * SubmissionDeadLettered (a state: counted by the job, never resent by the stall sweeper), listed
 * with its parsed ids, and redriven through the event log — SubmissionRedriven, which clears the
 * state and which the dispatcher turns into a fresh message — then discarded.
 */
export class DeadLetters {
  readonly counts: DeadLetterCounts = { scanned: 0, recorded: 0, malformed: 0, redriven: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly queue: MessageQueue,
  ) {}

  async list(limit: number, after?: string): Promise<DeadLetterView[]> {
    return (await this.queue.listDeadLetters({ limit, after })).map(view);
  }

  /** Records every dead letter as an event on its submission (idempotent: one event id per death). */
  async scan(): Promise<void> {
    for (
      let after: string | undefined, page = await this.list(100);
      page.length > 0;
      after = page.at(-1)?.id, page = await this.list(100, after)
    ) {
      for (const letter of page) {
        this.counts.scanned += 1;
        if (letter.malformed !== null || !letter.jobId || !letter.directoryId) this.counts.malformed += 1;
        else if (await this.record(letter, MONITOR)) this.counts.recorded += 1;
      }
      if (page.length < 100) break;
    }
  }

  async redrive(selection: { readonly ids: readonly string[] } | { readonly all: true }, actor: Actor): Promise<RedriveReport> {
    const wanted = 'ids' in selection ? new Set(selection.ids) : null;
    const letters = (await this.everything()).filter((letter) => !wanted || wanted.has(letter.id));
    const redriven: { id: string; jobId: string; directoryId: string }[] = [];
    const skipped: { id: string; reason: string }[] = [];
    const copies: string[] = [];
    for (const id of wanted ?? []) if (!letters.some((letter) => letter.id === id)) skipped.push({ id, reason: 'no such dead letter' });
    for (const letter of letters) {
      if (letter.malformed !== null || !letter.jobId || !letter.directoryId) {
        skipped.push({ id: letter.id, reason: letter.malformed ?? 'no job in the message' });
        continue;
      }
      // A second copy of a message redriven in this call: the one fresh message serves both.
      const first = redriven.find((r) => r.jobId === letter.jobId && r.directoryId === letter.directoryId);
      if (first) {
        skipped.push({ id: letter.id, reason: `a copy of ${first.id}, redriven with it` });
        copies.push(letter.id);
        continue;
      }
      const outcome = await this.redriveOne(letter, actor);
      if (outcome === 'redriven') redriven.push({ id: letter.id, jobId: letter.jobId, directoryId: letter.directoryId });
      else skipped.push({ id: letter.id, reason: outcome });
    }
    await this.queue.discardDeadLetters([...redriven.map((r) => r.id), ...copies]);
    this.counts.redriven += redriven.length;
    return { redriven, skipped };
  }

  /**
   * Recorded first, so that the redrive finds the state it clears even if the monitor has not run.
   * Answers 'redriven', or why the decider refused.
   */
  private async redriveOne(letter: DeadLetterView, actor: Actor): Promise<string> {
    await this.record(letter, actor);
    const eventId = deterministicUuid('redrive', letter.id, String(letter.deadLetteredAt.getTime()));
    try {
      await this.command(letter, { type: 'RedriveSubmission', data: { messageId: letter.id } }, actor, eventId);
      return 'redriven';
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      throw error;
    }
  }

  private async record(letter: DeadLetterView, actor: Actor): Promise<boolean> {
    const reason = letter.error ?? 'dead-lettered';
    const eventId = deterministicUuid('dead-lettered', letter.id, String(letter.deadLetteredAt.getTime()));
    try {
      return await this.command(letter, { type: 'RecordDeadLetter', data: { messageId: letter.id, reason } }, actor, eventId);
    } catch (error) {
      // Finished meanwhile (a stray copy of its message died) or never scheduled: nothing to record.
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  private async command(letter: DeadLetterView, command: SubmissionCommand, actor: Actor, eventId: string): Promise<boolean> {
    const jobId = letter.jobId as string;
    const { events } = await executeCommand(
      this.store,
      submissionStreamId(jobId, letter.directoryId as string),
      submissionDecider,
      command,
      {
        metadata: { actor, correlationId: jobId },
        eventIds: [eventId],
      },
    );
    return events.length > 0;
  }

  private async everything(): Promise<DeadLetterView[]> {
    const all: DeadLetterView[] = [];
    for (let page = await this.list(100); page.length > 0; page = await this.list(100, page.at(-1)?.id)) {
      all.push(...page);
      if (page.length < 100 || all.length >= 10_000) break;
    }
    return all;
  }
}

function view(letter: DeadLetter): DeadLetterView {
  const parsed = parseSubmissionMessage(letter.body);
  if (!parsed.ok) return { ...letter, jobId: null, directoryId: null, malformed: parsed.reason };
  return { ...letter, jobId: parsed.message.jobId, directoryId: parsed.message.directoryId, malformed: null };
}
