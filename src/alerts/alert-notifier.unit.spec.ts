import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertWebhooksConfig } from '../config/alerts-config';
import { configuredChannels, notify } from './alert-notifier';
import { pagerDutyEvent, slackMessage } from './alert-payloads';
import type { AlertView } from './alert-view';

const ALERT: AlertView = {
  id: '00000000-0000-4000-8000-000000000001',
  rule: 'queue_depth',
  key: 'P2',
  severity: 'warning',
  state: 'firing',
  summary: '150 submission(s) waiting in tier P2',
  value: 150,
  threshold: 100,
  firedAt: '2026-12-04T10:00:00.000Z',
  resolvedAt: null,
};

describe('alert payloads', () => {
  it('Slack: text and one block, firing and resolved', () => {
    expect(slackMessage(ALERT, 'fire').text).toBe(
      ':rotating_light: [FIRING] warning queue_depth (P2): 150 submission(s) waiting in tier P2 (value 150, threshold 100)',
    );
    expect(slackMessage({ ...ALERT, state: 'resolved', resolvedAt: '2026-12-04T10:05:00.000Z' }, 'resolve').blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*:white_check_mark: [RESOLVED] queue_depth (P2)*\n150 submission(s) waiting in tier P2\n_fired 2026-12-04T10:00:00.000Z, resolved 2026-12-04T10:05:00.000Z_',
        },
      },
    ]);
  });

  it('PagerDuty Events v2: a trigger with its payload, a resolve with the same dedup key only', () => {
    expect(pagerDutyEvent(ALERT, 'fire', 'rk')).toEqual({
      routing_key: 'rk',
      event_action: 'trigger',
      dedup_key: 'dbolt/queue_depth/P2',
      payload: {
        summary: 'queue_depth (P2): 150 submission(s) waiting in tier P2',
        source: 'directorybolt',
        severity: 'warning',
        timestamp: '2026-12-04T10:00:00.000Z',
        component: 'queue_depth',
        group: 'P2',
        custom_details: { value: 150, threshold: 100, alert_id: ALERT.id },
      },
    });
    expect(pagerDutyEvent(ALERT, 'resolve', 'rk')).toEqual({
      routing_key: 'rk',
      event_action: 'resolve',
      dedup_key: 'dbolt/queue_depth/P2',
    });
  });
});

describe('notify', () => {
  let server: Server;
  let base: string;
  const bodies: unknown[] = [];
  let answer = 202;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        // Answers only once the client gave up: the timeout must end the call.
        if (req.url === '/hang') return void req.socket.once('close', () => res.destroy());
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(answer, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const hooks = (slackPath: string, timeoutMs = 10_000): AlertWebhooksConfig => ({
    slackUrl: `${base}${slackPath}`,
    pagerDutyUrl: `${base}/pd`,
    pagerDutyRoutingKey: 'rk',
    timeoutMs,
  });

  it('posts the JSON body to the channel configured', async () => {
    answer = 202;
    await notify(hooks('/services/T/B/secret-token'), 'pagerduty', ALERT, 'fire');
    expect(bodies.at(-1)).toMatchObject({ event_action: 'trigger', routing_key: 'rk' });
  });

  it('fails with the status, the error code or "timed out", never the URL', async () => {
    answer = 500;
    await expect(notify(hooks('/services/T/B/secret-token'), 'slack', ALERT, 'fire')).rejects.toThrow(/^slack webhook answered HTTP 500$/);
    await expect(notify(hooks('/hang', 300), 'slack', ALERT, 'fire')).rejects.toThrow(/^slack webhook unreachable: timed out$/);
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const closed = { ...hooks(''), slackUrl: `http://127.0.0.1:${closedPort}/services/T/B/secret-token` };
    const refused = await notify(closed, 'slack', ALERT, 'fire').catch((error: Error) => error.message);
    expect(refused).toBe('slack webhook unreachable: ECONNREFUSED');
  });

  it('sends to no channel that is not fully configured', () => {
    expect(configuredChannels({ slackUrl: null, pagerDutyUrl: 'http://x/pd', pagerDutyRoutingKey: null, timeoutMs: 1 })).toEqual([]);
    expect(configuredChannels(hooks('/s'))).toEqual(['slack', 'pagerduty']);
  });
});
