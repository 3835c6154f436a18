import { escapeHtml } from './http/html';
import { delay } from './http/responses';
import { handleListingPost } from './listing-post.handler';
import { handleLogin, isSignedIn, sendToLogin } from './login.handler';
import { sendAsset, sendForm, sendSitePage, successBody, type SiteRequest } from './site.context';

const STATIC_LISTINGS = ['Blue Door Bakery', 'Summit Plumbing Co.', 'Northside Dental', 'Greenleaf Landscaping'];
const SIMPLE_PAGES = ['about', 'privacy', 'terms', 'newsletter'];

const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Everything below `/d/<siteId>-<n>/`. */
export async function routeSite(req: SiteRequest): Promise<void> {
  const { site, path } = req;
  const method = req.request.method ?? 'GET';
  if (path === site.submitPath) {
    if (method === 'POST') return handleListingPost(req);
    return showForm(req);
  }
  if (path === 'login' && site.behaviour === 'login') return handleLogin(req);
  const asset = method === 'GET' && site.assets && Object.hasOwn(site.assets, path) ? site.assets[path] : undefined;
  if (asset) return sendAsset(req, asset);
  if (method !== 'GET' && method !== 'HEAD' && path !== 'newsletter') {
    return sendSitePage(req, 405, 'Method not allowed', '<h1>Method not allowed</h1>');
  }
  if (path === '') return sendSitePage(req, 200, site.theme.tagline, homeBody(req));
  if (path === 'search') return sendSitePage(req, 200, 'Search', searchBody(req));
  if (path === 'thanks') return sendSitePage(req, 200, site.messages.successTitle, successBody(req, req.url.searchParams.get('listing')));
  if (path.startsWith('listing/')) return showListing(req, path.slice('listing/'.length));
  if (SIMPLE_PAGES.includes(path) || site.theme.nav.some((item) => slug(item) === path)) {
    const title = path.replace(/-/g, ' ');
    return sendSitePage(
      req,
      200,
      title,
      `<h1>${escapeHtml(title)}</h1><p>Want to be found? <a href="${req.root}${site.submitPath}">Add your listing</a>.</p>`,
    );
  }
  sendSitePage(req, 404, 'Not found', '<h1>Page not found</h1>');
}

async function showForm(req: SiteRequest): Promise<void> {
  if (req.site.behaviour === 'login' && !isSignedIn(req)) return sendToLogin(req);
  if (req.site.behaviour === 'slow') await delay(req.config.slowMs);
  const draft = req.url.searchParams.get('draft');
  if (req.site.behaviour === 'wizard-nav' && req.url.searchParams.get('step') === '2' && req.state.draft(draft ?? undefined)) {
    return sendForm(req, 200, { step: 2, draft });
  }
  sendForm(req, 200);
}

function homeBody(req: SiteRequest): string {
  const { site, root } = req;
  const names = [...req.state.listings(req.instance).map((listing) => listing.name), ...STATIC_LISTINGS];
  const items = names.map((name) => `<li>${escapeHtml(name)}</li>`).join('');
  return `<section class="hero"><h1>${escapeHtml(site.name)}</h1><p>${escapeHtml(site.theme.tagline)}</p>
<p><a class="cta" href="${root}${site.submitPath}">Add your listing</a></p></section>
<section><h2>Recently added</h2><ul class="listings">${items}</ul></section>`;
}

function searchBody(req: SiteRequest): string {
  const query = (req.url.searchParams.get('q') ?? '').trim();
  const matches = STATIC_LISTINGS.filter((name) => query !== '' && name.toLowerCase().includes(query.toLowerCase()));
  const items = matches.map((name) => `<li>${escapeHtml(name)}</li>`).join('') || '<li>No results.</li>';
  return `<h1>Results for “${escapeHtml(query)}”</h1><ul>${items}</ul>`;
}

function showListing(req: SiteRequest, listingSlug: string): void {
  const listing = req.state.listings(req.instance).find((candidate) => candidate.slug === listingSlug);
  if (listing === undefined) return sendSitePage(req, 404, 'Not found', '<h1>Listing not found</h1>');
  sendSitePage(
    req,
    200,
    listing.name,
    `<article class="listing"><h1>${escapeHtml(listing.name)}</h1>
<p><a href="${escapeHtml(listing.website)}" rel="nofollow">${escapeHtml(listing.website)}</a></p><p>${escapeHtml(listing.description)}</p></article>`,
  );
}
