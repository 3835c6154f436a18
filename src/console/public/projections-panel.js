// @ts-check
// Projections with their lag, and a rebuild button (admins). A rebuild is blue/green: progress is
// the next generation's events applied against the live generation's (the log it must catch up on).
import { api } from './api.js';
import { ago, badge, el, errorBox, table, widePanel } from './dom.js';

export function projectionsPanel() {
  /** @type {Node | null} */
  let outcome = null;
  /** The rebuild asked for here, to say when it is done: its generation then is the live one. @type {{ name: string, from: number } | null} */
  let pending = null;

  /** @param {any} p @param {() => void} refresh */
  async function rebuild(p, refresh) {
    const name = p.name;
    try {
      await api(`/api/admin/projections/${encodeURIComponent(name)}/rebuild`, { method: 'POST' });
      outcome = el('p', { class: 'muted', role: 'status' }, `Rebuild of ${name} requested.`);
      pending = { name, from: p.liveGeneration };
    } catch (error) {
      outcome = errorBox(`Rebuild of ${name} refused: ${/** @type {Error} */ (error).message}`);
    }
    refresh();
  }

  return {
    /** @param {() => void} refresh */
    async render(refresh) {
      const statuses = await api('/api/admin/projections');
      const wanted = pending;
      const done = wanted && statuses.find((/** @type {any} */ p) => p.name === wanted.name && p.liveGeneration > wanted.from);
      if (done) {
        outcome = el(
          'p',
          { class: 'good', role: 'status' },
          `Rebuild of ${done.name} finished: generation ${done.liveGeneration} is live.`,
        );
        pending = null;
      }
      /** @param {any} p */
      const row = (p) => [
        p.name,
        stateOf(p),
        p.liveGeneration,
        p.lag ? p.lag.events : '—',
        p.lag ? `${p.lag.seconds} s` : '—',
        p.eventsApplied,
        progressOf(p),
        p.lastRebuildAt ? ago(p.lastRebuildAt) : 'never',
        el(
          'button',
          { type: 'button', disabled: p.rebuild !== null || p.rebuildRequestedAt !== null, onclick: () => void rebuild(p, refresh) },
          'Rebuild',
        ),
      ];
      return widePanel(
        'Projections',
        outcome,
        table(
          ['Projection', 'State', 'Generation#', 'Lag (events)#', 'Lag (time)#', 'Applied#', 'Rebuild', 'Last rebuild', ''],
          statuses.map(row),
        ),
      );
    },
  };
}

/** @param {any} p */
function stateOf(p) {
  if (p.lastError) return el('span', { class: 'bad', title: p.lastError }, `${p.state} (error)`);
  return badge(p.state, p.state === 'live' ? 'good' : 'warn');
}

/** @param {any} p */
function progressOf(p) {
  if (p.rebuild) {
    const total = Math.max(p.eventsApplied, p.rebuild.eventsApplied, 1);
    return el(
      'span',
      {},
      el('progress', { max: String(total), value: String(p.rebuild.eventsApplied) }),
      ` generation ${p.rebuild.generation}: ${p.rebuild.eventsApplied} events`,
    );
  }
  if (p.rebuildRequestedAt) return 'requested';
  return '—';
}
