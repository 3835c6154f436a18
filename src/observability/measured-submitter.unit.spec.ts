import type { SubmissionOutcome, SubmissionRequest, Submitter } from '../workers/submitter.port';
import { MeasuredSubmitter } from './measured-submitter';
import { ProcessMetrics } from './process-metrics';

const none = { evidencePath: null, mappingUsed: null };

describe('MeasuredSubmitter', () => {
  it('counts and times each submission by its outcome, a thrown one as "thrown"', async () => {
    const answers: (SubmissionOutcome | Error)[] = [
      { kind: 'success', listingUrl: null, ...none },
      { kind: 'needs_manual', reason: 'captcha', message: 'captcha', ...none },
      new Error('browser gone'),
    ];
    const inner: Submitter = {
      submit: async () => {
        const answer = answers.shift()!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      close: async () => undefined,
    };
    const metrics = new ProcessMetrics();
    const submitter = new MeasuredSubmitter(inner, metrics);
    const request = {} as SubmissionRequest;
    expect((await submitter.submit(request)).kind).toBe('success');
    expect((await submitter.submit(request)).kind).toBe('needs_manual');
    await expect(submitter.submit(request)).rejects.toThrow('browser gone');

    const text = await metrics.text();
    for (const outcome of ['success', 'needs_manual', 'thrown']) {
      expect(text).toContain(`dbolt_submissions_total{outcome="${outcome}"} 1\n`);
      expect(text).toContain(`dbolt_submission_duration_seconds_count{outcome="${outcome}"} 1\n`);
    }
  });
});
