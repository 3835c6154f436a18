import { randomUUID } from 'node:crypto';
import { Logger, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service';
import { AlertReadingsReader } from '../../src/alerts/alert-readings.service';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { MESSAGE_QUEUE, type MessageQueue } from '../../src/queue/queue.port';
import { CLOCK } from '../../src/shared/clock';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { staffSession } from '../support/sessions';
import { TestClock } from '../support/test-clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const MIN = 60_000;
/** Every rule, with the key the scenario makes it fire for. */
const EXPECTED = [
  'breaker_open/w-breaker',
  'dead_letters/dlq',
  'error_rate/submissions',
  'projection_lag_events/jobs',
  'projection_lag_seconds/jobs',
  'queue_depth/P2',
  'worker_silent/w-silent',
];

/**
 * Each alert rule fires once and resolves once against a local webhook receiver, in Slack and
 * PagerDuty shape; time for the error-rate window and worker silence comes from a test clock.
 */
describe('alerts', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let receiver: WebhookReceiver;
  let staff: Record<string, string>;
  let env: Record<string, string>;
  const clock = new TestClock(new Date());
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_alerts');
    staff = (await staffSession(db.pool)).headers;
    receiver = await startWebhookReceiver();
    env = {
      DATABASE_URL: db.url,
      ROLES: 'api',
      ALERTS_INTERVAL_MS: '0',
      ALERT_SLACK_WEBHOOK_URL: `${receiver.url}/slack/T000/B000/secret-token`,
      ALERT_PAGERDUTY_URL: `${receiver.url}/pagerduty/v2/enqueue`,
      ALERT_PAGERDUTY_ROUTING_KEY: 'routing-key-1',
      ALERT_QUEUE_DEPTH: '2',
      ALERT_PROJECTION_LAG_EVENTS: '2',
      ALERT_PROJECTION_LAG_SECONDS: '0',
    };
    app = await bootApp(env, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
    apps.push(app);
  });

  afterAll(async () => {
    for (const each of apps.reverse()) await each.close().catch(() => undefined);
    await receiver?.close();
    await db?.drop();
  });

  const tick = () => app.get(AlertEvaluator).tick();
  const http = () => app.getHttpServer() as App;
  const keysOf = (path: string, pick: (body: Record<string, unknown>) => string | null) =>
    receiver.received
      .filter((r) => r.path.startsWith(path))
      .map((r) => pick(r.body))
      .filter((k): k is string => k !== null)
      .sort();

  it('fires every rule once, does not repeat while firing, and resolves each once', async () => {
    const queue = app.get<MessageQueue>(MESSAGE_QUEUE);
    const store = app.get<EventStore>(EVENT_STORE);
    // A dead letter, and 3 waiting in P2 (threshold 2).
    await queue.send([{ id: 'dead-1', priority: 'P1', body: '{}' }]);
    const [dying] = await queue.receive({ priorities: ['P1'], maxMessages: 1, waitMs: 0 });
    await queue.deadLetter(dying, 'test: undeliverable');
    await queue.send(['a', 'b', 'c'].map((id) => ({ id, priority: 'P2' as const, body: '{}' })));
    // 4 of 10 attempts failed a minute ago (threshold 10 %).
    const minuteAgo = new Date(clock.now().getTime() - MIN);
    await db.pool.query(
      `INSERT INTO job_results (id, job_id, directory_id, idempotency_key, priority, status, scheduled_at, updated_at, version)
       SELECT 'r' || i, 'job-1', 'dir-' || i, 'key-' || i, 'P1', CASE WHEN i <= 4 THEN 'failed' ELSE 'succeeded' END, $1, $1, 1
       FROM generate_series(1, 10) AS i`,
      [minuteAgo],
    );
    // One worker silent for 6 minutes, one alive with its breaker open.
    await db.pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, last_heartbeat, breaker) VALUES
         ('w-silent', 'idle', $1, NULL), ('w-breaker', 'paused', $2, '{"state":"open"}')`,
      [new Date(clock.now().getTime() - 6 * MIN), clock.now()],
    );
    // No projector runs in this process: 3 events leave every projection behind.
    await store.appendToStream(
      `alerts-test-${randomUUID()}`,
      [1, 2, 3].map((n) => ({ type: 'SomethingHappened', data: { n } })),
      {
        expectedVersion: 'any',
      },
    );
    // Old enough, as the evaluator reads it, that the lag rounded to a tenth of a second is above the 0 s threshold.
    const readings = app.get(AlertReadingsReader);
    await eventually(async () => (await readings.read(clock.now())).readings.projections?.every((p) => p.lagSeconds >= 0.2) || null);

    const first = await tick();
    const firing = await request(http()).get('/api/admin/alerts?state=firing&limit=100').set(staff).expect(200);
    const fired = (firing.body.items as { rule: string; key: string }[]).map((a) => `${a.rule}/${a.key}`);
    expect(EXPECTED.every((k) => fired.includes(k))).toBe(true);
    expect(first.fired).toBe(fired.length);
    expect(first.failedDeliveries).toBe(0);

    const again = await tick();
    expect(again).toEqual({ fired: 0, resolved: 0, delivered: 0, failedDeliveries: 0 });

    // Clear every condition; the clock moves 6 minutes on, past the error-rate window.
    await queue.discardDeadLetters(['dead-1']);
    await queue.ack(await queue.receive({ priorities: ['P2'], maxMessages: 10, waitMs: 0 }));
    clock.advance(6 * MIN);
    await db.pool.query(`UPDATE worker_heartbeats SET status = 'stopped' WHERE worker_id = 'w-silent'`);
    await db.pool.query(
      `UPDATE worker_heartbeats SET status = 'idle', breaker = '{"state":"closed"}', last_heartbeat = $1 WHERE worker_id = 'w-breaker'`,
      [clock.now()],
    );
    apps.push(await bootApp({ DATABASE_URL: db.url, ROLES: 'projector', ALERTS_INTERVAL_MS: '0', SUBSCRIPTION_POLL_MS: '50' }));
    const host = app.get(ProjectionHost);
    await eventually(async () => (await host.status()).every((p) => p.lag?.events === 0), { timeoutMs: 20_000 });

    const cleared = await tick();
    expect(cleared.resolved).toBe(first.fired);
    expect((await tick()).resolved).toBe(0);

    const all = await request(http()).get('/api/admin/alerts?state=all').set(staff).expect(200);
    for (const alert of all.body.items as Record<string, unknown>[]) {
      expect(alert).toEqual({
        id: expect.any(String),
        rule: expect.any(String),
        key: expect.any(String),
        severity: expect.stringMatching(/^(critical|warning)$/),
        state: 'resolved',
        summary: expect.any(String),
        value: expect.any(Number),
        threshold: expect.any(Number),
        firedAt: new Date(clock.now().getTime() - 6 * MIN).toISOString(),
        resolvedAt: clock.now().toISOString(),
      });
    }

    // Each (rule, key) once as firing and once as resolved, on each webhook.
    const slackFired = keysOf('/slack', (b) =>
      String(b.text).includes('[FIRING]')
        ? (String(b.text)
            .match(/\] \w+ (\w+) \(([^)]+)\)/)
            ?.slice(1)
            .join('/') ?? '')
        : null,
    );
    const slackResolved = keysOf('/slack', (b) =>
      String(b.text).includes('[RESOLVED]')
        ? (String(b.text)
            .match(/\] (\w+) \(([^)]+)\)/)
            ?.slice(1)
            .join('/') ?? '')
        : null,
    );
    const pdTriggered = keysOf('/pagerduty', (b) => (b.event_action === 'trigger' ? String(b.dedup_key).replace('dbolt/', '') : null));
    const pdResolved = keysOf('/pagerduty', (b) => (b.event_action === 'resolve' ? String(b.dedup_key).replace('dbolt/', '') : null));
    expect(slackFired).toEqual([...fired].sort());
    expect(slackResolved).toEqual([...fired].sort());
    expect(pdTriggered).toEqual([...fired].sort());
    expect(pdResolved).toEqual([...fired].sort());
    const trigger = receiver.received.find((r) => r.path.startsWith('/pagerduty') && r.body.event_action === 'trigger');
    expect(trigger?.body).toMatchObject({
      routing_key: 'routing-key-1',
      payload: { source: 'directorybolt', severity: expect.any(String) },
    });
  }, 60_000);

  it('retries a failing webhook on the next tick; another process taking over neither re-fires nor re-sends', async () => {
    // The evaluator's logger is Nest's, whichever sink the process gives it.
    const warned = jest.spyOn(Logger.prototype, 'warn');
    const other = await bootApp(env, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
    apps.push(other);
    const queue = app.get<MessageQueue>(MESSAGE_QUEUE);
    await queue.send([{ id: 'dead-2', priority: 'P3', body: '{}' }]);
    const [dying] = await queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 0 });
    await queue.deadLetter(dying, 'test: undeliverable');
    const before = receiver.received.length;

    receiver.failing = true;
    expect(await tick()).toEqual({ fired: 1, resolved: 0, delivered: 0, failedDeliveries: 2 });
    // The other process, as after a lease hand-over: the alert is recorded as firing, still owed.
    const otherTick = () => other.get(AlertEvaluator).tick();
    expect(await otherTick()).toEqual({ fired: 0, resolved: 0, delivered: 0, failedDeliveries: 2 });
    receiver.failing = false;
    expect(await otherTick()).toEqual({ fired: 0, resolved: 0, delivered: 2, failedDeliveries: 0 });
    expect(await tick()).toEqual({ fired: 0, resolved: 0, delivered: 0, failedDeliveries: 0 });

    const sent = receiver.received.slice(before);
    expect(sent.map((r) => r.path.split('/')[1]).sort()).toEqual(['pagerduty', 'slack']);
    expect(sent.find((r) => r.path.startsWith('/pagerduty'))?.body).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'dbolt/dead_letters/dlq',
    });
    const logged = JSON.stringify(warned.mock.calls);
    warned.mockRestore();
    expect(logged).toContain('slack webhook answered HTTP 500');
    expect(logged).not.toContain('secret-token');
    expect(logged).not.toContain('routing-key-1');
  });

  it('lists firing alerts for staff, and answers 400 to a bad filter and 401 without a session', async () => {
    const firing = await request(http()).get('/api/admin/alerts?state=firing').set(staff).expect(200);
    expect(firing.body.items).toEqual([expect.objectContaining({ rule: 'dead_letters', key: 'dlq', state: 'firing', resolvedAt: null })]);
    const resolved = await request(http()).get('/api/admin/alerts?state=resolved&limit=2').set(staff).expect(200);
    expect(resolved.body.items).toHaveLength(2);
    const bad = await request(http()).get('/api/admin/alerts?state=open').set(staff).expect(400);
    expect(JSON.stringify(bad.body)).toContain('state must be firing, resolved or all');
    await request(http()).get('/api/admin/alerts?limit=0').set(staff).expect(400);
    await request(http()).get('/api/admin/alerts').expect(401);
    const metrics = await request(http()).get('/api/metrics').set(staff).expect(200);
    expect(metrics.text).toMatch(/^dbolt_alerts_firing\{rule="dead_letters"\} 1$/m);
    expect(metrics.text).toMatch(/^dbolt_alerts_firing\{rule="queue_depth"\} 0$/m);
  });

  it('evaluates on its schedule in a dispatcher process, under the lease "alerts"', async () => {
    // That process reads the system clock: the attempts of the first test are inside its window.
    await db.pool.query('DELETE FROM job_results');
    apps.push(await bootApp({ ...env, ROLES: 'dispatcher', ALERTS_INTERVAL_MS: '100' }));
    await app.get<MessageQueue>(MESSAGE_QUEUE).discardDeadLetters(['dead-2']);
    const firedAt = clock.now().toISOString();
    await eventually(async () => {
      const { body } = await request(http()).get('/api/admin/alerts?state=resolved').set(staff).expect(200);
      return (body.items as { rule: string; firedAt: string }[]).some((a) => a.rule === 'dead_letters' && a.firedAt === firedAt);
    });
    const { rows } = await db.pool.query<{ holder: string }>(`SELECT holder FROM leases WHERE name = 'alerts'`);
    expect(rows).toHaveLength(1);
    // Sent after the resolution is recorded: trigger and resolve of each of the two firings.
    const pagerDuty = () =>
      receiver.received.filter((r) => r.path.startsWith('/pagerduty') && r.body.dedup_key === 'dbolt/dead_letters/dlq');
    await eventually(() => pagerDuty().length === 4);
    expect(pagerDuty().map((r) => r.body.event_action)).toEqual(['trigger', 'resolve', 'trigger', 'resolve']);
  });
});
