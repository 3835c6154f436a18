import type { SubmissionOutcome, SubmissionRequest, Submitter } from '../workers/submitter.port';
import type { ProcessMetrics } from './process-metrics';

/**
 * The Submitter port timed and counted by outcome. The worker's submitter is wrapped where the
 * worker is built, so a submitter swapped in (a test's recording one) is measured the same.
 */
export class MeasuredSubmitter implements Submitter {
  constructor(
    private readonly inner: Submitter,
    private readonly metrics: ProcessMetrics,
  ) {}

  async submit(request: SubmissionRequest, signal?: AbortSignal): Promise<SubmissionOutcome> {
    const started = process.hrtime.bigint();
    let outcome: SubmissionOutcome['kind'] | 'thrown' = 'thrown';
    try {
      const result = await this.inner.submit(request, signal);
      outcome = result.kind;
      return result;
    } finally {
      this.metrics.submissionDuration.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      this.metrics.submissions.inc({ outcome });
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
