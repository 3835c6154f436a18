import type { AlertView } from './alert-view';

export type AlertPhase = 'fire' | 'resolve';

/** Stable per (rule, key), so PagerDuty folds a trigger and its resolve into one incident. */
export function dedupKey(alert: Pick<AlertView, 'rule' | 'key'>): string {
  return `dbolt/${alert.rule}/${alert.key}`;
}

const SOURCE = 'directorybolt';

/** A Slack incoming-webhook message: `text` for notifications and clients without blocks, one block to read. */
export function slackMessage(alert: AlertView, phase: AlertPhase): { text: string; blocks: readonly object[] } {
  const head =
    phase === 'fire'
      ? `:rotating_light: [FIRING] ${alert.severity} ${alert.rule} (${alert.key})`
      : `:white_check_mark: [RESOLVED] ${alert.rule} (${alert.key})`;
  const when = phase === 'fire' ? `fired ${alert.firedAt}` : `fired ${alert.firedAt}, resolved ${alert.resolvedAt ?? ''}`;
  const text = `${head}: ${alert.summary} (value ${alert.value}, threshold ${alert.threshold})`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${head}*\n${alert.summary}\n_${when}_` } }] };
}

export interface PagerDutyEvent {
  readonly routing_key: string;
  readonly event_action: 'trigger' | 'resolve';
  readonly dedup_key: string;
  readonly payload?: {
    readonly summary: string;
    readonly source: string;
    readonly severity: 'critical' | 'warning';
    readonly timestamp: string;
    readonly component: string;
    readonly group: string;
    readonly custom_details: Readonly<Record<string, number | string>>;
  };
}

/** PagerDuty Events v2: a trigger carries the payload; a resolve needs only the dedup key. */
export function pagerDutyEvent(alert: AlertView, phase: AlertPhase, routingKey: string): PagerDutyEvent {
  const base = { routing_key: routingKey, dedup_key: dedupKey(alert) };
  if (phase === 'resolve') return { ...base, event_action: 'resolve' };
  return {
    ...base,
    event_action: 'trigger',
    payload: {
      // PagerDuty cuts summaries at 1024 characters.
      summary: `${alert.rule} (${alert.key}): ${alert.summary}`.slice(0, 1024),
      source: SOURCE,
      severity: alert.severity,
      timestamp: alert.firedAt,
      component: alert.rule,
      group: alert.key,
      custom_details: { value: alert.value, threshold: alert.threshold, alert_id: alert.id },
    },
  };
}
