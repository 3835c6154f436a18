// @ts-check
// The overview: queue depth per tier, workers, dead letters, alerts and projections, each panel
// loaded on its own so one failing endpoint (or one the session may not read) leaves the rest.
import { api } from './api.js';
import { alertsPanel } from './alerts-panel.js';
import { deadLettersPanel } from './dead-letters-panel.js';
import { ago, badge, el, errorBox, link, panel, table, widePanel } from './dom.js';
import { projectionsPanel } from './projections-panel.js';

/** @typedef {{ title: string, render(refresh: () => void): Promise<Node[]>, dispose?(): void }} Page */

/** @returns {Page} */
export function overviewPage() {
  const deadLetters = deadLettersPanel();
  const projections = projectionsPanel();
  return {
    title: 'Overview',
    async render(refresh) {
      const panels = await Promise.all([
        guarded('Queue', queuePanel),
        guarded('Alerts', alertsPanel),
        guarded('Workers', () => workersPanel(refresh)),
        guarded('Dead letters', () => deadLetters.render(refresh)),
        guarded('Projections', () => projections.render(refresh)),
      ]);
      return [el('h1', {}, 'Overview'), el('div', { class: 'grid' }, panels)];
    },
  };
}

/**
 * A panel whose load failed says why, in place.
 * @param {string} title @param {() => Promise<Node>} build
 */
async function guarded(title, build) {
  try {
    return await build();
  } catch (error) {
    const status = /** @type {{ status?: number }} */ (error).status;
    const prefix = status === 403 ? 'Not for this account: ' : '';
    return panel(title, errorBox(prefix + String(/** @type {Error} */ (error).message)));
  }
}

async function queuePanel() {
  const status = await api('/api/admin/queue');
  const tiers = Object.entries(status.depth.tiers);
  const rows = tiers.map(([tier, depth]) => [tier, depth.visible, depth.delayed, depth.inFlight]);
  const dead = status.depth.deadLetters;
  return panel(
    'Queue',
    el('p', { class: 'muted' }, `Adapter: ${status.kind}`),
    table(['Tier', 'Waiting#', 'Delayed#', 'In flight#'], rows),
    el('p', {}, 'Dead letters: ', badge(String(dead), dead > 0 ? 'bad' : 'good')),
  );
}

/** Why the last "Forget" failed, kept across refreshes until the next one succeeds. @type {string | null} */
let forgetFailure = null;

/**
 * Forgets a stale worker (a crashed or decommissioned process): admins; staff get the API's 403.
 * @param {string} id @param {() => void} refresh
 */
async function forgetWorker(id, refresh) {
  try {
    await api(`/api/admin/workers/${encodeURIComponent(id)}`, { method: 'DELETE' });
    forgetFailure = null;
  } catch (error) {
    forgetFailure = `Forget ${id} failed: ${/** @type {Error} */ (error).message}`;
  }
  refresh();
}

/** @param {() => void} refresh */
async function workersPanel(refresh) {
  const fleet = await api('/api/admin/workers');
  const { counts } = fleet;
  /** @param {any} w */
  const status = (w) =>
    w.stale
      ? el(
          'span',
          { class: 'nowrap' },
          badge('stale', 'bad'),
          ' ',
          el('button', { type: 'button', onclick: () => void forgetWorker(w.id, refresh) }, 'Forget'),
        )
      : badge(w.status, ['running', 'idle'].includes(w.status) ? 'good' : 'warn');
  /** @param {any} w */
  const row = (w) => [
    el('span', { class: 'mono nowrap' }, w.id),
    `${w.host ?? '?'}:${w.pid ?? '?'}`,
    status(w),
    `${ago(w.lastHeartbeat)}`,
    w.concurrency ? `${w.inFlight.length}/${w.concurrency.limit}` : String(w.inFlight.length),
    el(
      'span',
      {},
      w.inFlight.map((/** @type {any} */ work) =>
        el('div', {}, link(`#/jobs/${work.jobId}`, work.jobId.slice(0, 8)), ` ${work.directoryId}`),
      ),
    ),
    w.breaker ? badge(w.breaker.state, w.breaker.state === 'closed' ? 'good' : 'bad') : '—',
  ];
  return widePanel(
    'Workers',
    el('p', { class: 'muted' }, summary(counts), ` · stale after ${fleet.staleAfterSeconds} s`),
    forgetFailure ? errorBox(forgetFailure) : null,
    table(['Worker', 'Host:pid', 'Status', 'Heartbeat', 'Busy', 'Current work', 'Breaker'], fleet.workers.map(row), 'No workers.'),
  );
}

/** @param {Record<string, number>} counts */
function summary(counts) {
  return Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
}
