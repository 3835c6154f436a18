// @ts-check
// The dead-letter queue with redrive (admins; staff see the list and get the API's 403 message).
import { api } from './api.js';
import { ago, el, errorBox, link, table, widePanel } from './dom.js';

export function deadLettersPanel() {
  /** The last redrive's outcome, kept across refreshes until the next one. @type {Node | null} */
  let outcome = null;
  let busy = false;

  /** @param {{ ids: string[] } | { all: true }} selection @param {() => void} refresh */
  async function redrive(selection, refresh) {
    busy = true;
    try {
      const report = await api('/api/admin/dlq/redrive', { method: 'POST', body: selection });
      const skipped = report.skipped.map((/** @type {any} */ s) => `${s.id}: ${s.reason}`).join('; ');
      outcome = el(
        'p',
        { class: 'good', role: 'status' },
        `Redriven: ${report.redriven.length}, skipped: ${report.skipped.length}`,
        skipped && ` (${skipped})`,
      );
    } catch (error) {
      outcome = errorBox(`Redrive failed: ${/** @type {Error} */ (error).message}`);
    } finally {
      busy = false;
      refresh();
    }
  }

  return {
    /** @param {() => void} refresh */
    async render(refresh) {
      const { deadLetters, next } = await api('/api/admin/dlq?limit=50');
      /** @param {any} d */
      const row = (d) => [
        d.jobId ? link(`#/jobs/${d.jobId}`, d.jobId.slice(0, 8)) : el('span', { class: 'muted' }, 'unreadable'),
        d.directoryId ?? '—',
        d.priority,
        d.receiveCount,
        d.malformed ?? d.error ?? '',
        ago(d.deadLetteredAt),
        el(
          'button',
          { type: 'button', disabled: busy || d.malformed !== null, onclick: () => void redrive({ ids: [d.id] }, refresh) },
          'Redrive',
        ),
      ];
      const all = el(
        'button',
        { type: 'button', disabled: busy || deadLetters.length === 0, onclick: () => void redrive({ all: true }, refresh) },
        'Redrive all',
      );
      return widePanel(
        'Dead letters',
        el('div', { class: 'toolbar' }, all, next ? el('span', { class: 'muted' }, 'showing the first 50') : null),
        outcome,
        table(
          ['Job', 'Directory', 'Tier', 'Receives#', 'Why', 'Dead-lettered', ''],
          deadLetters.map(row),
          'The dead-letter queue is empty.',
        ),
      );
    },
  };
}
