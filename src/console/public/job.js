// @ts-check
// One job: what it is, each directory's result with its evidence screenshot, and its event
// timeline across the job stream and every submission stream.
import { apiBlob, api } from './api.js';
import { countsOf, statusBadge } from './customers.js';
import { el, errorBox, link, panel, safeLink, table, when } from './dom.js';

/** @param {string} jobId */
export function jobPage(jobId) {
  const id = encodeURIComponent(jobId);
  /** Object URLs of screenshots already fetched: a refresh must not download them again. @type {Map<string, string>} */
  const shots = new Map();
  return {
    title: `Job ${jobId}`,
    async render() {
      const [job, { submissions }, { events }] = await Promise.all([
        api(`/api/jobs/${id}`),
        api(`/api/jobs/${id}/submissions`),
        api(`/api/jobs/${id}/events`),
      ]);
      const evidence = await Promise.all(
        submissions.filter((/** @type {any} */ s) => s.evidencePath).map((/** @type {any} */ s) => screenshot(s)),
      );
      return [
        el('h1', {}, 'Job ', el('span', { class: 'mono' }, job.jobId), ' ', statusBadge(job.status)),
        el('div', { class: 'grid' }, facts(job), panel('Directories', submissionsTable(submissions))),
        panel(
          'Evidence',
          evidence.length > 0 ? el('div', { class: 'shots' }, evidence) : el('p', { class: 'muted' }, 'No screenshots yet.'),
        ),
        el('section', { class: 'panel wide', 'aria-label': 'Timeline' }, el('h2', {}, 'Timeline'), timeline(events)),
      ];
    },
    dispose() {
      for (const url of shots.values()) URL.revokeObjectURL(url);
    },
  };

  /** @param {any} s */
  async function screenshot(s) {
    const path = `/api/submissions/${id}/results/${encodeURIComponent(s.directoryId)}/screenshot`;
    const caption = el('figcaption', {}, `${s.directoryId} — ${s.status}`);
    try {
      if (!shots.has(path)) shots.set(path, URL.createObjectURL(await apiBlob(path)));
      return el('figure', {}, el('img', { src: shots.get(path), alt: `Screenshot of ${s.directoryId}` }), caption);
    } catch (error) {
      return el('figure', {}, errorBox(`Screenshot unavailable: ${/** @type {Error} */ (error).message}`), caption);
    }
  }
}

/** @param {any} job */
function facts(job) {
  /** @type {[string, import('./dom.js').Child][]} */
  const items = [
    ['Customer', link(`#/customers/${encodeURIComponent(job.customerId)}`, job.customerId)],
    ['Business', job.businessName],
    ['Tier / priority', `${job.packageTier ?? '—'} / ${job.priority ?? '—'}`],
    ['Status reason', job.statusReason ?? '—'],
    ['Directories', String(job.directoryIds.length)],
    ['Outcomes', job.counts ? countsOf(job.counts) : '—'],
    ['Dead-lettered', job.deadLettered.length > 0 ? job.deadLettered.join(', ') : 'none'],
    ['Created', when(job.createdAt)],
    ['Updated', when(job.updatedAt)],
    ['Version', String(job.version)],
  ];
  return panel(
    'Job',
    el(
      'dl',
      { class: 'facts' },
      items.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
  );
}

/** @param {any[]} submissions */
function submissionsTable(submissions) {
  /** @param {any} s */
  const row = (s) => [
    s.directoryId,
    statusBadge(s.status),
    s.attempts,
    s.lastErrorClass ?? '',
    s.lastError ?? s.manualReason ?? s.skipReason ?? '',
    safeLink(s.listingUrl),
    s.workerId ? el('span', { class: 'mono nowrap' }, s.workerId) : '—',
  ];
  return table(
    ['Directory', 'Status', 'Attempts#', 'Error class', 'Detail', 'Listing', 'Worker'],
    submissions.map(row),
    'No submissions scheduled yet.',
  );
}

/** @param {any[]} events */
function timeline(events) {
  /** @param {any} e */
  const row = (e) => [
    e.position,
    when(e.at),
    e.type,
    e.directoryId ?? '',
    `${e.actor.kind}:${e.actor.id}`,
    e.attempt ?? '',
    e.delayMs !== undefined ? `${e.delayMs} ms` : '',
    e.errorClass ?? '',
    e.message ?? '',
  ];
  return table(
    ['Position#', 'At', 'Event', 'Directory', 'Actor', 'Attempt#', 'Delay#', 'Error class', 'Message'],
    events.map(row),
    'No events.',
  );
}
