import type { AlertWebhooksConfig } from '../config/alerts-config';
import { pagerDutyEvent, slackMessage, type AlertPhase } from './alert-payloads';
import type { AlertChannel, AlertView } from './alert-view';

/** The channels configured now: each fired or resolved alert owes each of them one notification. */
export function configuredChannels(webhooks: AlertWebhooksConfig): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (webhooks.slackUrl) channels.push('slack');
  if (webhooks.pagerDutyUrl && webhooks.pagerDutyRoutingKey) channels.push('pagerduty');
  return channels;
}

/**
 * Posts one notification with Node's fetch and a timeout. Throws on a failure with a message that
 * names the channel and the status or error code, never the URL (a Slack webhook's path is its secret).
 */
export async function notify(webhooks: AlertWebhooksConfig, channel: AlertChannel, alert: AlertView, phase: AlertPhase): Promise<void> {
  const url = channel === 'slack' ? webhooks.slackUrl : webhooks.pagerDutyUrl;
  if (!url) throw new Error(`${channel}: no webhook configured`);
  const body = channel === 'slack' ? slackMessage(alert, phase) : pagerDutyEvent(alert, phase, webhooks.pagerDutyRoutingKey ?? '');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(webhooks.timeoutMs),
    });
  } catch (error) {
    throw new Error(`${channel} webhook unreachable: ${describeFetchError(error)}`, { cause: error });
  }
  // Drained either way, so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`${channel} webhook answered HTTP ${response.status}`);
}

function describeFetchError(error: unknown): string {
  const { name, cause } = error as { name?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError') return 'timed out';
  // A cause's message could quote a URL: any is cut out.
  return cause?.code ?? cause?.message?.replace(/\S+:\/\/\S*/g, '<url>') ?? name ?? 'failed';
}
