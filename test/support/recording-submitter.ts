import type { SubmissionOutcome, SubmissionRequest, Submitter } from '../../src/workers/submitter.port';

export interface SubmitCall {
  readonly jobId: string;
  readonly directoryId: string;
  readonly attempt: number;
  /** Order in which submissions started, across the process. */
  readonly seq: number;
  readonly at: number;
}

export type Behaviour = (request: SubmissionRequest, calls: number) => SubmissionOutcome;

export const succeed: Behaviour = () => ({ kind: 'success', listingUrl: null, evidencePath: null, mappingUsed: null });

/**
 * A Submitter for tests about queues and workers rather than browsers: it records every call
 * (the effect we count — a second call for the same job and directory would be a double
 * submission) and answers what `behaviour` says after `delayMs`.
 */
export class RecordingSubmitter implements Submitter {
  readonly calls: SubmitCall[] = [];
  private readonly perKey = new Map<string, number>();

  constructor(
    private readonly behaviour: Behaviour = succeed,
    private readonly delayMs = 0,
  ) {}

  async submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const key = `${request.jobId}/${request.directoryId}`;
    const count = (this.perKey.get(key) ?? 0) + 1;
    this.perKey.set(key, count);
    this.calls.push({
      jobId: request.jobId,
      directoryId: request.directoryId,
      attempt: request.attempt,
      seq: this.calls.length,
      at: Date.now(),
    });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return this.behaviour(request, count);
  }

  callsFor(jobId: string, directoryId: string): number {
    return this.perKey.get(`${jobId}/${directoryId}`) ?? 0;
  }

  async close(): Promise<void> {}
}
