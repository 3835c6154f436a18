import { useJobsApi } from '../support/jobs-api-suite';

describe('text the event store cannot keep, sent to the API (machine PostgreSQL)', () => {
  const suite = useJobsApi();

  it.each([
    ['a NUL', 'customer said \u0000 stop', 'a NUL character (U+0000)'],
    ['a lone surrogate', 'cut in half \ud83d', 'a lone UTF-16 surrogate (U+D83D)'],
  ])('a reason with %s is a 400 naming the field, not a 500, and appends nothing', async (_, reason, problem) => {
    const jobId = await suite.createJob('acme');
    const response = await suite.patch(jobId, '"2"', { status: 'failed', reason });
    // Refused at the edge, before the handler; the store refuses the same data on its own (contract suite).
    expect(response.body).toEqual({
      error: 'unstorable_text',
      message: expect.stringContaining(`body.reason holds ${problem}`),
      problems: [expect.any(String)],
    });
    expect(response.status).toBe(400);
    expect(await suite.streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued']);
  });
});
