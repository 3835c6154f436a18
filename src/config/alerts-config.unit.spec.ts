import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

describe('alert settings', () => {
  it('evaluates every 30 s with the issue thresholds and sends nothing by default', () => {
    expect(loadConfig({}).alerts).toEqual({
      intervalMs: 30_000,
      webhooks: { slackUrl: null, pagerDutyUrl: null, pagerDutyRoutingKey: null, timeoutMs: 5000 },
      thresholds: {
        deadLetters: 0,
        errorRatePercent: 10,
        errorRateWindowMs: 300_000,
        errorRateMinAttempts: 10,
        queueDepth: 100,
        workerSilentMs: 300_000,
        projectionLagEvents: 1000,
        projectionLagSeconds: 300,
      },
    });
  });

  it('refuses a PagerDuty URL without a routing key, and a webhook that is not http(s)', () => {
    expect(() => loadConfig({ ALERT_PAGERDUTY_URL: 'http://127.0.0.1:9/v2/enqueue' })).toThrow(/needs ALERT_PAGERDUTY_ROUTING_KEY/);
    expect(() => loadConfig({ ALERT_SLACK_WEBHOOK_URL: 'ftp://hooks.example/x' })).toThrow(/ALERT_SLACK_WEBHOOK_URL must start with http:/);
    expect(() => loadConfig({ ALERT_ERROR_RATE_PERCENT: '101' })).toThrow(/ALERT_ERROR_RATE_PERCENT must be a whole number from 0 to 100/);
  });

  it('reads the routing key and the Slack URL from files (secrets)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-secrets-'));
    try {
      writeFileSync(join(dir, 'key'), 'R0UT1NG\n');
      writeFileSync(join(dir, 'slack'), 'https://hooks.example/services/T/B/secret\n');
      const config = loadConfig({
        ALERT_PAGERDUTY_URL: 'http://127.0.0.1:9/v2/enqueue',
        ALERT_PAGERDUTY_ROUTING_KEY_FILE: join(dir, 'key'),
        ALERT_SLACK_WEBHOOK_URL_FILE: join(dir, 'slack'),
      });
      expect(config.alerts.webhooks).toMatchObject({
        pagerDutyRoutingKey: 'R0UT1NG',
        slackUrl: 'https://hooks.example/services/T/B/secret',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
