// @ts-check
// The console's shell: sign-in, a hash router, and polling. Polling rather than SSE: EventSource
// cannot send the bearer header, and a token in the URL would end up in access logs; a few small
// GETs every few seconds cost the API little and need nothing new on the server.
import { api, currentToken, signIn, signOut, whenSignedOut } from './api.js';
import { customerJobsPage, customersPage } from './customers.js';
import { el, errorBox } from './dom.js';
import { jobPage } from './job.js';
import { overviewPage } from './overview.js';

const POLL_MS = 5000;
const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const who = /** @type {HTMLElement} */ (document.getElementById('who'));
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById('sign-out'));

/** @typedef {{ title: string, render(refresh: () => void): Promise<Node[]>, dispose?(): void }} Page */
/** @type {Page | null} */
let page = null;
let timer = 0;
/** Bumped on every navigation: a slow render of a page already left must not draw over the new one. */
let generation = 0;

/** @param {string} hash @returns {Page} */
function route(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'jobs' && parts[1]) return jobPage(parts[1]);
  if (parts[0] === 'customers' && parts[1]) return customerJobsPage(parts[1]);
  if (parts[0] === 'customers') return customersPage(new URLSearchParams(query).get('after'));
  return overviewPage();
}

function navigate() {
  page?.dispose?.();
  generation += 1;
  clearTimeout(timer);
  if (!currentToken()) return showSignIn();
  page = route(location.hash);
  document.title = `${page.title} — DirectoryBolt console`;
  main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  void refresh();
}

async function refresh() {
  const mine = generation;
  const current = page;
  if (!current) return;
  clearTimeout(timer);
  try {
    const nodes = await current.render(() => void refresh());
    if (mine !== generation) return;
    main.replaceChildren(...nodes);
    status.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${POLL_MS / 1000} s`;
  } catch (error) {
    if (mine !== generation || !currentToken()) return;
    main.replaceChildren(errorBox(String(/** @type {Error} */ (error).message)));
  }
  if (mine === generation) timer = window.setTimeout(() => void refresh(), POLL_MS);
}

function showSignIn(message = '') {
  page = null;
  nav.hidden = true;
  signOutButton.hidden = true;
  who.textContent = '';
  document.title = 'Sign in — DirectoryBolt console';
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const problem = el('div', {}, message && errorBox(message));
  /** @param {Event} event */
  const submit = async (event) => {
    event.preventDefault();
    try {
      await signIn(/** @type {HTMLInputElement} */ (email).value, /** @type {HTMLInputElement} */ (password).value);
      await showIdentity();
    } catch (error) {
      problem.replaceChildren(errorBox(String(/** @type {Error} */ (error).message)));
    }
  };
  const form = el(
    'form',
    { class: 'sign-in', onsubmit: (event) => void submit(event) },
    el('h1', {}, 'Staff sign-in'),
    el('label', {}, 'Email', el('br'), email),
    el('label', {}, 'Password', el('br'), password),
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    problem,
  );
  main.replaceChildren(form);
}

/** Only staff may use the console: a customer's token is signed out again at once. */
async function showIdentity() {
  const me = await api('/api/auth/me');
  if (me.kind !== 'staff') {
    await signOut();
    return showSignIn('The console is for staff accounts.');
  }
  who.textContent = `${me.email} (${me.role})`;
  nav.hidden = false;
  signOutButton.hidden = false;
  navigate();
}

signOutButton.addEventListener('click', () => {
  void signOut().then(() => showSignIn());
});
whenSignedOut(() => {
  generation += 1;
  clearTimeout(timer);
  showSignIn('Your session has ended: sign in again.');
});
window.addEventListener('hashchange', () => navigate());
// A hidden tab stops polling; coming back refreshes at once.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(timer);
  else if (page) void refresh();
});

if (currentToken()) showIdentity().catch(() => showSignIn());
else showSignIn();
