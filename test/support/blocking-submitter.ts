import type { SubmissionOutcome, SubmissionRequest, Submitter } from '../../src/workers/submitter.port';

/**
 * A Submitter whose submissions hold until the test lets them go, so a test can act while a
 * submission is known to be running (a lease lapsing, a duplicate message arriving).
 */
export class BlockingSubmitter implements Submitter {
  readonly calls: SubmissionRequest[] = [];
  private readonly waiting: (() => void)[] = [];
  private open = false;

  async submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    this.calls.push(request);
    if (!this.open) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return {
      kind: 'success',
      listingUrl: `https://listing.test/${request.jobId}/${request.directoryId}`,
      evidencePath: null,
      mappingUsed: null,
    };
  }

  /** Lets every held submission, and every later one, finish. */
  letGo(): void {
    this.open = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  callsFor(jobId: string, directoryId: string): number {
    return this.calls.filter((call) => call.jobId === jobId && call.directoryId === directoryId).length;
  }

  async close(): Promise<void> {
    this.letGo();
  }
}
