// @ts-check
// Customers, and one customer's jobs.
import { api } from './api.js';
import { badge, el, link, panel, table, when } from './dom.js';

/** @param {string | null} after a page cursor from the previous page */
export function customersPage(after) {
  return {
    title: 'Customers',
    async render() {
      const query = after ? `&after=${encodeURIComponent(after)}` : '';
      const page = await api(`/api/customers?limit=50${query}`);
      /** @param {any} c */
      const row = (c) => [
        link(`#/customers/${encodeURIComponent(c.customerId)}`, c.customerId),
        c.profile.businessName,
        c.package ? `${c.package.tier} × ${c.package.directoryCount}` : '—',
        c.erased ? badge('erased', 'muted') : c.status,
      ];
      return [
        el('h1', {}, 'Customers'),
        panel(
          'Customers',
          table(['Customer', 'Business', 'Package', 'Status'], page.customers.map(row), 'No customers yet.'),
          page.next ? el('p', {}, link(`#/customers?after=${encodeURIComponent(page.next)}`, 'Next page →')) : null,
        ),
      ];
    },
  };
}

/** @param {string} customerId */
export function customerJobsPage(customerId) {
  const id = encodeURIComponent(customerId);
  return {
    title: `Customer ${customerId}`,
    async render() {
      const [customer, { jobs }] = await Promise.all([api(`/api/customers/${id}`), api(`/api/queue/${id}?limit=50`)]);
      /** @param {any} j */
      const row = (j) => [
        link(`#/jobs/${j.jobId}`, j.jobId),
        statusBadge(j.status),
        j.priority,
        j.directoryCount,
        countsOf(j.submissions.byStatus),
        j.deadLettered,
        when(j.createdAt),
      ];
      return [
        el('h1', {}, `${customer.profile.businessName} `, el('span', { class: 'muted' }, `(${customer.customerId})`)),
        panel(
          'Jobs',
          table(['Job', 'Status', 'Priority', 'Directories#', 'Submissions', 'Dead letters#', 'Created'], jobs.map(row), 'No jobs.'),
        ),
      ];
    },
  };
}

const GOOD = new Set(['complete', 'succeeded']);
const BAD = new Set(['failed', 'dead_lettered', 'needs_manual']);

/** A job's or a submission's status, coloured. @param {string} status */
export function statusBadge(status) {
  const tone = GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : status === 'cancelled' || status === 'skipped' ? 'muted' : 'warn';
  return badge(status, tone);
}

/** "3 succeeded, 1 failed" from a count per status, zeros left out. @param {Record<string, number>} byStatus */
export function countsOf(byStatus) {
  const parts = Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}
