import type { EnvReader } from './env-reader';

/** Where alert notifications go; both unset: alerts are still evaluated and recorded, nothing is sent. */
export interface AlertWebhooksConfig {
  /** Slack incoming webhook (its path is the secret; never logged). */
  readonly slackUrl: string | null;
  /** A PagerDuty Events v2 endpoint (`…/v2/enqueue`); needs the routing key. */
  readonly pagerDutyUrl: string | null;
  readonly pagerDutyRoutingKey: string | null;
  readonly timeoutMs: number;
}

/** What each rule compares its reading with: an alert fires when the reading is above its threshold. */
export interface AlertThresholds {
  readonly deadLetters: number;
  /** Percent of finished attempts that failed or were retried. */
  readonly errorRatePercent: number;
  readonly errorRateWindowMs: number;
  /** Fewer finished attempts in the window than this: too few to judge a rate by. */
  readonly errorRateMinAttempts: number;
  /** Waiting (visible + delayed) messages per priority tier. */
  readonly queueDepth: number;
  readonly workerSilentMs: number;
  readonly projectionLagEvents: number;
  readonly projectionLagSeconds: number;
}

export interface AlertsConfig {
  /** How often the evaluator runs (in the dispatcher role, under a lease); 0 turns the schedule off. */
  readonly intervalMs: number;
  readonly webhooks: AlertWebhooksConfig;
  readonly thresholds: AlertThresholds;
}

const HTTP = ['http:', 'https:'];

export function readAlertsConfig(read: EnvReader, problems: string[]): AlertsConfig {
  const webhooks: AlertWebhooksConfig = {
    slackUrl: read.url('ALERT_SLACK_WEBHOOK_URL', HTTP),
    pagerDutyUrl: read.url('ALERT_PAGERDUTY_URL', HTTP),
    pagerDutyRoutingKey: read.string('ALERT_PAGERDUTY_ROUTING_KEY', '') || null,
    timeoutMs: read.int('ALERT_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
  };
  if (webhooks.pagerDutyUrl && !webhooks.pagerDutyRoutingKey) {
    problems.push('ALERT_PAGERDUTY_URL needs ALERT_PAGERDUTY_ROUTING_KEY (or ALERT_PAGERDUTY_ROUTING_KEY_FILE)');
  }
  return {
    intervalMs: read.int('ALERTS_INTERVAL_MS', 30_000, 0, 3_600_000),
    webhooks,
    thresholds: {
      deadLetters: read.int('ALERT_DEAD_LETTERS', 0, 0, 1_000_000),
      errorRatePercent: read.int('ALERT_ERROR_RATE_PERCENT', 10, 0, 100),
      errorRateWindowMs: read.int('ALERT_ERROR_RATE_WINDOW_MS', 300_000, 1000, 86_400_000),
      errorRateMinAttempts: read.int('ALERT_ERROR_RATE_MIN_ATTEMPTS', 10, 1, 1_000_000),
      queueDepth: read.int('ALERT_QUEUE_DEPTH', 100, 0, 10_000_000),
      workerSilentMs: read.int('ALERT_WORKER_SILENT_MS', 300_000, 1000, 86_400_000),
      projectionLagEvents: read.int('ALERT_PROJECTION_LAG_EVENTS', 1000, 0, 100_000_000),
      projectionLagSeconds: read.int('ALERT_PROJECTION_LAG_SECONDS', 300, 0, 86_400),
    },
  };
}
