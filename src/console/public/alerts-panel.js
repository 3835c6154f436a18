// @ts-check
// Alerts as the alerting slice records them (GET /api/admin/alerts). A server without that slice
// answers 404: the panel says alerts are unavailable rather than failing the page.
import { ApiError, api } from './api.js';
import { ago, badge, el, panel, table } from './dom.js';

export async function alertsPanel() {
  let body;
  try {
    body = await api('/api/admin/alerts?state=all&limit=20');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return panel('Alerts', el('p', { class: 'muted' }, 'Alerts unavailable on this server.'));
    throw error;
  }
  /** @param {any} a */
  const row = (a) => [
    a.state === 'firing' ? badge('firing', 'bad') : badge('resolved', 'good'),
    badge(a.severity, a.severity === 'critical' ? 'bad' : 'warn'),
    a.rule,
    a.key,
    a.summary,
    `${a.value} / ${a.threshold}`,
    ago(a.firedAt),
    a.resolvedAt ? ago(a.resolvedAt) : '—',
  ];
  const firing = body.items.filter((/** @type {any} */ a) => a.state === 'firing').length;
  return panel(
    'Alerts',
    el('p', {}, firing > 0 ? badge(`${firing} firing`, 'bad') : badge('Nothing firing', 'good')),
    table(
      ['State', 'Severity', 'Rule', 'Key', 'Summary', 'Value / threshold', 'Fired', 'Resolved'],
      body.items.map(row),
      'No alerts recorded.',
    ),
  );
}
