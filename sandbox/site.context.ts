import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, renderPage } from './http/html';
import { sendHtml } from './http/responses';
import type { SandboxState } from './sandbox.state';
import type { FormContext, SiteTemplate } from './sites/site-template';

export interface SandboxConfig {
  readonly slowMs: number;
  readonly flakyFailFirst: number;
  readonly flakyRate: number;
  /** Origin of the third-party assets; null: pages load nothing from elsewhere. */
  readonly thirdPartyOrigin: string | null;
}

/** One request to one site instance. */
export interface SiteRequest {
  readonly site: SiteTemplate;
  /** `<siteId>-<n>` */
  readonly instance: string;
  /** `/d/<siteId>-<n>/` */
  readonly root: string;
  /** Path below the root, without leading slash (`''` for the home page). */
  readonly path: string;
  readonly url: URL;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly state: SandboxState;
  readonly config: SandboxConfig;
}

export function sendAsset(req: SiteRequest, asset: { readonly type: string; readonly body: string; readonly cacheSeconds?: number }): void {
  const cache = asset.cacheSeconds ? `public, max-age=${asset.cacheSeconds}` : 'no-store';
  req.response.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': cache });
  req.response.end(asset.body);
}

export function sendSitePage(req: SiteRequest, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  const { site, root, config } = req;
  const html = renderPage({ siteName: site.name, title, root, theme: site.theme, body, thirdPartyOrigin: config.thirdPartyOrigin });
  sendHtml(req.response, status, html, headers);
}

export function sendForm(req: SiteRequest, status: number, form: Partial<FormContext> = {}): void {
  const ctx: FormContext = {
    root: req.root,
    action: `${req.root}${req.site.submitPath}`,
    values: {},
    errors: [],
    step: 1,
    draft: null,
    ...form,
  };
  sendSitePage(req, status, 'Add your listing', req.site.renderForm(ctx));
}

export function successBody(req: SiteRequest, listingSlug: string | null): string {
  const { successTitle, success } = req.site.messages;
  const link = listingSlug ? `<p><a class="listing-link" href="${req.root}listing/${listingSlug}">View your listing</a></p>` : '';
  return `<div class="alert alert-success" role="status"><h1>${escapeHtml(successTitle)}</h1><p>${escapeHtml(success)}</p>${link}</div>`;
}

export function duplicateBody(req: SiteRequest): string {
  return `<div class="alert alert-warning" role="alert"><h1>Already listed</h1><p>${escapeHtml(req.site.messages.duplicate)}</p></div>`;
}
