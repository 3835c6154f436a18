// @ts-check
// Building blocks for the pages. Everything shown goes in as text nodes (textContent), never as
// HTML: customer-supplied names and scraped error messages are rendered, never interpreted.

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @param {string} tag
 * @param {Record<string, string | boolean | ((event: Event) => void) | undefined>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(
    ...children
      .flat()
      .filter(isShown)
      .map((child) => (child instanceof Node ? child : String(child))),
  );
  return node;
}

/** @param {Child} child @returns {child is Node | string | number} */
function isShown(child) {
  return child !== null && child !== undefined && child !== false;
}

/**
 * A table; a header ending in '#' is a number column (right-aligned).
 * @param {string[]} headers
 * @param {Child[][]} rows
 * @param {string} [empty] shown instead when there are no rows
 */
export function table(headers, rows, empty = 'None.') {
  if (rows.length === 0) return el('p', { class: 'muted' }, empty);
  const numeric = headers.map((h) => h.endsWith('#'));
  const label = (/** @type {string} */ h) => h.replace(/#$/, '');
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h, i) => el('th', { class: numeric[i] ? 'num' : undefined }, label(h))),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((cells) =>
        el(
          'tr',
          {},
          cells.map((cell, i) => el('td', { class: numeric[i] ? 'num' : undefined }, cell)),
        ),
      ),
    ),
  );
}

/** A titled box; a region named by its title (how tests and screen readers find it). @param {string} title @param {...Child} body */
export function panel(title, ...body) {
  return el('section', { class: 'panel', 'aria-label': title }, el('h2', {}, title), ...body);
}

/** A panel spanning the whole grid row, for wide tables. @param {string} title @param {...Child} body */
export function widePanel(title, ...body) {
  const node = panel(title, ...body);
  node.classList.add('wide');
  return node;
}

/** @param {string} href @param {string} text */
export function link(href, text) {
  return el('a', { href }, text);
}

/** An outside URL as a link only when it is http(s): a `javascript:` URL from a scraped page must stay text. */
export function safeLink(/** @type {string | null} */ url) {
  if (!url) return '';
  return /^https?:\/\//i.test(url) ? el('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, url) : url;
}

/** @param {string} message */
export function errorBox(message) {
  return el('p', { class: 'error', role: 'alert' }, message);
}

/** "12 s ago" from an ISO time (the browser's clock; good enough for a glance). */
export function ago(/** @type {string | null | undefined} */ iso) {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A local date and time for an ISO string. */
export function when(/** @type {string | null | undefined} */ iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** @param {string} text @param {'good' | 'warn' | 'bad' | 'muted'} tone */
export function badge(text, tone) {
  return el('span', { class: tone }, text);
}
