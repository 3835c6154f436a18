import { Logger } from '@nestjs/common';
import request from 'supertest';
import { jobStreamId } from '../../src/jobs/job.events';
import { auth, STACK_TRACE, useJobsApi, ZERO } from '../support/jobs-api-suite';

describe('jobs API: staff edits, auth and errors (machine PostgreSQL)', () => {
  const suite = useJobsApi();
  const { http, createJob, patch, streamTypes } = suite;

  describe('PATCH /api/jobs/:id', () => {
    it('overrides the status at the version the caller saw, and answers with the new job and ETag', async () => {
      const jobId = await createJob('acme');
      const staffId = suite.admin().accountId;
      const response = await patch(jobId, '"2"', { status: 'failed', reason: 'customer asked' }).expect(200);
      expect(response.headers.etag).toBe('"3"');
      expect(response.body).toMatchObject({ jobId, status: 'failed', statusReason: `override by ${staffId}: customer asked`, version: 3 });
      const { events } = await suite.store().readStream(jobStreamId(jobId));
      expect(events[2]).toMatchObject({
        type: 'JobStatusOverridden',
        data: { jobId, from: 'queued', to: 'failed', reason: 'customer asked', staffId },
        metadata: { actor: { kind: 'staff', id: staffId } },
      });
      await patch(jobId, 'W/"3"', { status: 'queued', reason: 'retry it' }).expect(200);
      await patch(jobId, '4', { status: 'in_progress', reason: 'worker has it' }).expect(200);
    });

    it('refuses a stale version with 409 and the current version, appending nothing', async () => {
      const jobId = await createJob('acme');
      await patch(jobId, '"2"', { status: 'failed', reason: 'first' }).expect(200);
      const stale = await patch(jobId, '"2"', { status: 'complete', reason: 'second' }).expect(409);
      expect(stale.body).toEqual({
        error: 'version_conflict',
        message: expect.stringContaining('version 3'),
        expectedVersion: 2,
        currentVersion: 3,
      });
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued', 'JobStatusOverridden']);
    });

    it('two concurrent edits with the same If-Match give one 200, one 409, and no lost update', async () => {
      for (let round = 0; round < 5; round++) {
        const jobId = await createJob('acme');
        const [a, b] = await Promise.all([
          patch(jobId, '"2"', { status: 'complete', reason: 'staff A: done' }),
          patch(jobId, '"2"', { status: 'failed', reason: 'staff B: broken' }),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const loser = a.status === 409 ? a : b;
        expect(loser.body).toMatchObject({ error: 'version_conflict', expectedVersion: 2, currentVersion: 3 });
        const { events, version } = await suite.store().readStream(jobStreamId(jobId));
        expect(events.filter((e) => e.type === 'JobStatusOverridden')).toHaveLength(1);
        expect(version).toBe(3);
        const winner = a.status === 200 ? a : b;
        expect(events[2].data).toMatchObject({ to: winner.body.status });
      }
    });

    it('needs If-Match (428), a single version in it (400), and an existing job (404)', async () => {
      const jobId = await createJob('acme');
      const missing = await patch(jobId, null, { status: 'failed', reason: 'x' }).expect(428);
      expect(missing.body).toEqual({ error: 'precondition_required', message: expect.stringContaining('If-Match') });
      for (const bad of ['*', '"abc"', '"1", "2"']) {
        expect((await patch(jobId, bad, { status: 'failed', reason: 'x' }).expect(400)).body.error).toBe('invalid_if_match');
      }
      await patch(ZERO, '"2"', { status: 'failed', reason: 'x' }).expect(404);
      await patch('nope', '"2"', { status: 'failed', reason: 'x' }).expect(400);
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued']);
    });

    it('validates the body: unknown fields, bad values, malformed JSON, oversized bodies, no-op overrides', async () => {
      const jobId = await createJob('acme');
      const unknownField = await patch(jobId, '"2"', { status: 'failed', reason: 'x', force: true }).expect(400);
      expect(unknownField.body).toMatchObject({
        error: 'validation_failed',
        message: expect.stringContaining('property force should not exist'),
      });
      expect((await patch(jobId, '"2"', { status: 'exploded', reason: 'x' }).expect(400)).body.message).toContain('status');
      expect((await patch(jobId, '"2"', { status: 'failed', reason: '   ' }).expect(400)).body.message).toContain('reason');
      expect((await patch(jobId, '"2"', { status: 'failed' }).expect(400)).body.error).toBe('validation_failed');
      expect((await patch(jobId, '"2"', [{ status: 'failed', reason: 'x' }]).expect(400)).body.error).toBe('validation_failed');
      const malformed = await request(http())
        .patch(`/api/jobs/${jobId}`)
        .set(auth)
        .set('If-Match', '"2"')
        .set('Content-Type', 'application/json')
        .send('{"status": "failed",')
        .expect(400);
      expect(malformed.body.error).toBe('malformed_json');
      const oversized = await patch(jobId, '"2"', { status: 'failed', reason: 'x'.repeat(4096) }).expect(413);
      expect(oversized.body).toEqual({ error: 'payload_too_large', message: expect.stringContaining('2048 bytes') });
      const noop = await patch(jobId, '"2"', { status: 'queued', reason: 'same' }).expect(400);
      expect(noop.body).toEqual({ error: 'invalid_command', message: expect.stringContaining('already queued') });
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued']);
    });
  });

  describe('POST /api/jobs/:id/cancel', () => {
    it('cancels at the version seen; a second cancel is an illegal transition; If-Match and reason are required', async () => {
      const jobId = await createJob('acme');
      const cancel = (ifMatch: string | null, body: object): request.Test => {
        const test = request(http()).post(`/api/jobs/${jobId}/cancel`).set(auth).send(body);
        return ifMatch === null ? test : test.set('If-Match', ifMatch);
      };
      await cancel(null, { reason: 'customer refund' }).expect(428);
      await cancel('"2"', { reason: '' }).expect(400);
      const done = await cancel('"2"', { reason: 'customer refund' }).expect(200);
      expect(done.headers.etag).toBe('"3"');
      expect(done.body).toMatchObject({ jobId, status: 'cancelled', statusReason: 'customer refund', version: 3 });
      expect((await cancel('"3"', { reason: 'again' }).expect(409)).body.error).toBe('illegal_transition');
      expect((await cancel('"2"', { reason: 'stale' }).expect(409)).body.error).toBe('version_conflict');
    });
  });

  describe('auth and errors', () => {
    const endpoints: [string, string][] = [
      ['post', '/api/queue/acme'],
      ['get', '/api/queue/acme'],
      ['get', `/api/jobs/${ZERO}`],
      ['patch', `/api/jobs/${ZERO}`],
      ['post', `/api/jobs/${ZERO}/cancel`],
      ['get', `/api/jobs/${ZERO}/events`],
    ];

    it('answers 401 JSON on every staff endpoint without a token, with a wrong one, or another scheme; health stays public', async () => {
      for (const [method, path] of endpoints) {
        const token = auth.Authorization.slice('Bearer '.length);
        for (const header of [undefined, `Bearer ${token}x`, `Basic ${token}`, 'Bearer']) {
          const test = request(http())[method as 'get'](path);
          const response = await (header ? test.set('Authorization', header) : test).expect(401);
          expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
          expect(response.headers['www-authenticate']).toBe('Bearer');
        }
      }
      await request(http()).get('/api/health').expect(200);
    });

    it('answers an unexpected failure with 500, the correlation id and a log line, never a stack trace', async () => {
      // Hides the read model for a moment: the query fails in a way no handler expects.
      await suite.db().pool.query('ALTER VIEW jobs RENAME TO jobs_hidden_by_test');
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const response = await request(http()).get('/api/queue/acme').set(auth).set('X-Correlation-Id', 'corr-500').expect(500);
        expect(response.body).toEqual({ error: 'internal_error', message: 'Internal server error', correlationId: 'corr-500' });
        expect(logged).toHaveBeenCalledWith(expect.stringMatching(/corr-500.*relation "jobs" does not exist/s));
      } finally {
        logged.mockRestore();
        await suite.db().pool.query('ALTER VIEW jobs_hidden_by_test RENAME TO jobs');
      }
    });

    it('never puts a stack trace in an error body, and every error body has a snake_case error and a message', async () => {
      const jobId = await createJob('acme');
      const responses = await Promise.all([
        request(http()).get('/api/nope'),
        request(http()).get('/api/queue/acme'),
        request(http()).get('/api/jobs/zzz').set(auth),
        request(http()).get(`/api/jobs/${ZERO}`).set(auth),
        request(http()).post('/api/queue/big-co').set(auth),
        patch(jobId, null, { status: 'failed', reason: 'x' }),
        patch(jobId, '"9"', { status: 'failed', reason: 'x' }),
        patch(jobId, '"2"', { status: 1 }),
        request(http()).patch(`/api/jobs/${jobId}`).set(auth).set('If-Match', '2').set('Content-Type', 'application/json').send('{'),
        patch(jobId, '"2"', { status: 'failed', reason: 'y'.repeat(5000) }),
      ]);
      for (const response of responses) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.body).toEqual(
          expect.objectContaining({ error: expect.stringMatching(/^[a-z][a-z0-9_]*$/), message: expect.any(String) }),
        );
        expect(JSON.stringify(response.body)).not.toMatch(STACK_TRACE);
      }
    });
  });
});
