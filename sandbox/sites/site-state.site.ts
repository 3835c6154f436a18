import { errorBox, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** Every kind of state a site can leave in a browser context, as the page names it. */
export const SITE_STATE_KINDS = [
  'cookie',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'cacheStorage',
  'serviceWorker',
  'httpCache',
  'permission',
] as const;
export type SiteStateKind = (typeof SITE_STATE_KINDS)[number];

/** The hidden field the page posts: the kinds of state it found on arrival, comma-separated. */
export const SITE_STATE_FOUND_FIELD = 'site_state_found';

/**
 * On load, reads every kind of state an earlier visit could have left (and posts what it found
 * with the form), then leaves one of each itself. Submitting waits for both, so the posted answer
 * is complete and the state is written before the page is left. The permission it cannot grant
 * itself: a test grants it, as a person answering a prompt would.
 */
const STATE_SCRIPT = `<script>
(() => {
  const DB = 'dbolt-site-state';
  const probes = {
    cookie: async () => document.cookie.includes('dbolt_state='),
    localStorage: async () => localStorage.getItem('dbolt_state') !== null,
    sessionStorage: async () => sessionStorage.getItem('dbolt_state') !== null,
    indexedDB: async () => (await indexedDB.databases()).some((db) => db.name === DB),
    cacheStorage: async () => (await caches.keys()).includes('dbolt-state'),
    serviceWorker: async () => (await navigator.serviceWorker.getRegistrations()).length > 0,
    httpCache: () => fetch('cached.txt', { cache: 'only-if-cached', mode: 'same-origin' }).then((r) => r.ok, () => false),
    permission: async () => (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted',
  };
  const openDb = () => new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('visits');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const write = async () => {
    document.cookie = 'dbolt_state=left; max-age=86400; path=/';
    localStorage.setItem('dbolt_state', 'left');
    sessionStorage.setItem('dbolt_state', 'left');
    const db = await openDb();
    await new Promise((resolve) => { const tx = db.transaction('visits', 'readwrite'); tx.objectStore('visits').put('left', 'visit'); tx.oncomplete = resolve; });
    db.close();
    await (await caches.open('dbolt-state')).put('state', new Response('left'));
    await navigator.serviceWorker.register('sw.js').catch(() => undefined);
    await fetch('cached.txt');
  };
  const ready = (async () => {
    const found = [];
    for (const [kind, probe] of Object.entries(probes)) if (await probe().catch(() => false)) found.push(kind);
    document.querySelector('[name=${SITE_STATE_FOUND_FIELD}]').value = found.join(',');
    await write().catch((error) => console.error('site-state write', error));
  })();
  let done = false;
  document.getElementById('listing-form').addEventListener('submit', (event) => {
    if (done) return;
    event.preventDefault();
    ready.then(() => { done = true; event.target.submit(); });
  });
})();
</script>`;

/** A plain directory whose page reads and leaves state of every kind: the isolation test's directory. */
export const siteStateSite = defineSite({
  id: 'site-state',
  name: 'Stateful Listings',
  behaviour: 'plain',
  submitPath: 'add-listing',
  fields: ['businessName', 'email', 'website', 'description'],
  params: { businessName: 'business_name', email: 'email', website: 'website', description: 'description' },
  honeypot: null,
  terms: null,
  stateStyle: null,
  categoryStyle: null,
  theme: { accent: '#6a4c93', tagline: 'Listings that remember you', nav: ['Browse', 'Add Listing'], newsletter: false },
  successRedirect: true,
  messages: {
    successTitle: 'Listing submitted',
    success: 'Thank you! Your listing has been submitted.',
    duplicate: 'This business is already listed.',
    listingLink: false,
  },
  catalog: {
    category: 'general',
    difficulty: 'easy',
    domainAuthority: 20,
    formMapping: { businessName: ['#business_name'], email: ['#email'], website: ['#website'], description: ['#description'] },
  },
  assets: {
    'sw.js': { type: 'text/javascript', body: "self.addEventListener('fetch', () => undefined);" },
    'cached.txt': { type: 'text/plain', body: 'cacheable', cacheSeconds: 3600 },
  },
  renderForm: (ctx) => `<h1>Add your business</h1>
${errorBox(ctx)}
<form id="listing-form" action="${ctx.action}" method="post">
  <input type="hidden" name="${SITE_STATE_FOUND_FIELD}" value="">
  <label for="business_name">Business name *</label>
  <input type="text" id="business_name" name="business_name" required${valueOf(ctx, 'business_name')}>
  <label for="email">Email *</label>
  <input type="email" id="email" name="email" required${valueOf(ctx, 'email')}>
  <label for="website">Website *</label>
  <input type="url" id="website" name="website" required${valueOf(ctx, 'website')}>
  <label for="description">Description</label>
  <textarea id="description" name="description" rows="4">${textOf(ctx, 'description')}</textarea>
  <p><button type="submit">Submit listing</button></p>
</form>
${STATE_SCRIPT}`,
});
