import { sampleBusiness } from '../../test/support/job-scenarios';
import type { DuplicateVerdict } from '../duplicate-suppression/duplicate-guard';
import type { SubmissionCommand } from '../submissions/submission.decider';
import { CLAIM_WAIT_MS, checkDuplicate, noteAccepted, type DuplicateGate } from './duplicate-check';

const job = {
  jobId: 'job-2',
  customerId: 'c1',
  packageTier: 'growth',
  priority: 'P2',
  directoryIds: ['d1'],
  business: sampleBusiness,
} as const;
const earlier = {
  jobId: 'job-1',
  directoryId: 'd1',
  acceptedAt: '2026-11-20T09:00:00.000Z',
  listingUrl: null,
  evidencePath: 'job-1/d1.png',
};

function gate(
  verdict: DuplicateVerdict,
  accepted: () => Promise<void> = async () => undefined,
): DuplicateGate & { readonly accepts: unknown[][] } {
  const accepts: unknown[][] = [];
  return {
    accepts,
    admit: async () => verdict,
    accepted: async (...args) => {
      accepts.push(args);
      await accepted();
    },
  };
}

describe('checkDuplicate (the worker, right before the site)', () => {
  const recorded: SubmissionCommand[] = [];
  const record = (version: number | null) => async (command: SubmissionCommand) => {
    recorded.push(command);
    return version;
  };
  beforeEach(() => recorded.splice(0));

  it('goes on when the guard admits it', async () => {
    expect(await checkDuplicate(gate({ kind: 'submit' }), job, 'd1', 'w1', record(3))).toBeNull();
    expect(recorded).toEqual([]);
  });

  it('hands the message back, uncounted, while another job holds the claim', async () => {
    expect(await checkDuplicate(gate({ kind: 'wait', holderJobId: 'job-1' }), job, 'd1', 'w1', record(3))).toEqual({
      action: 'release',
      delayMs: CLAIM_WAIT_MS,
      reason: 'job job-1 is submitting the same listing',
      countsAsAttempt: false,
    });
  });

  it('records the skip with the earlier submission and acks', async () => {
    const result = await checkDuplicate(gate({ kind: 'already-submitted', earlier }), job, 'd1', 'w1', record(3));
    expect(recorded).toEqual([{ type: 'SkipAlreadySubmitted', data: { earlier } }]);
    expect(result).toEqual({ action: 'ack', outcome: 'skipped: already-submitted in job job-1' });
  });

  it('releases briefly when the stream moved under it', async () => {
    expect(await checkDuplicate(gate({ kind: 'already-submitted', earlier }), job, 'd1', 'w1', record(null))).toMatchObject({
      action: 'release',
      delayMs: 1000,
    });
  });
});

describe('noteAccepted', () => {
  const success = { kind: 'success', listingUrl: 'https://dir.test/l/1', evidencePath: 'job-2/d1.png', mappingUsed: null } as const;

  it('records only an accepted submission', async () => {
    const g = gate({ kind: 'submit' });
    await noteAccepted(g, job, 'd1', { kind: 'transient', message: 'HTTP 503', evidencePath: null, mappingUsed: null });
    expect(g.accepts).toEqual([]);
    await noteAccepted(g, job, 'd1', success);
    expect(g.accepts).toEqual([[job, 'd1', 'https://dir.test/l/1', 'job-2/d1.png', expect.any(Date)]]);
  });

  it('reports a failed write and goes on (the next job repairs the record from the stream)', async () => {
    const errors: string[] = [];
    const g = gate({ kind: 'submit' }, async () => {
      throw new Error('connection reset');
    });
    await noteAccepted(g, job, 'd1', success, (what, error) => errors.push(`${what}: ${(error as Error).message}`));
    expect(errors).toEqual(['recording the accepted listing of job-2/d1: connection reset']);
  });
});
