import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { escapeHtml } from './http/html';
import { redirect, sendHtml, sendJson } from './http/responses';
import { RequestLog } from './request-log';
import {
  SANDBOX_CONTROL_HOST,
  SANDBOX_THIRD_PARTY_HOST,
  sandboxSiteHosts,
  sandboxSiteOrigin,
  sandboxThirdPartyOrigin,
} from './sandbox-addresses';
import { listenOnAll } from './sandbox-listeners';
import { SandboxState } from './sandbox.state';
import type { Sandbox, SandboxOptions, SandboxSite } from './sandbox.types';
import type { SandboxConfig } from './site.context';
import { routeSite } from './site.router';
import { catalogIndexOf, findSiteTemplate, SITE_TEMPLATES } from './sites/site.registry';
import type { SiteTemplate } from './sites/site-template';
import { handleThirdParty } from './third-party/third-party.handler';

const INSTANCE_PATH = /^\/d\/([a-z0-9-]+)-(\d+)(\/.*)?$/;

/** The public, data-only view of a template. */
function describe(site: SiteTemplate): SandboxSite {
  return {
    id: site.id,
    name: site.name,
    behaviour: site.behaviour,
    submitPath: site.submitPath,
    fields: site.fields,
    expectedOutcome: site.expectedOutcome,
    requiresLogin: site.requiresLogin,
    hasCaptcha: site.hasCaptcha,
    hasHoneypot: site.hasHoneypot,
    requiresTerms: site.requiresTerms,
    multipart: site.multipart,
  };
}

export const SANDBOX_SITES: readonly SandboxSite[] = SITE_TEMPLATES.map(describe);

/**
 * On the control host (127.0.0.1, the default) the sandbox is multi-origin: every directory on an
 * address of its own and the third-party assets on another, all on one port (see
 * sandbox-addresses.ts); every address also serves every site by path, as a single-origin sandbox
 * on any other host does.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(options.seed ?? 42);
  const log = new RequestLog();
  const config: { -readonly [K in keyof SandboxConfig]: SandboxConfig[K] } = {
    slowMs: options.slowMs ?? 3000,
    flakyFailFirst: options.flakyFailFirst ?? 2,
    flakyRate: options.flakyRate ?? 0,
    thirdPartyOrigin: null,
  };
  const sites: RequestListener = (request, response) => {
    handle(request, response, state, config, log).catch((error: unknown) => {
      if (!response.headersSent) sendHtml(response, 500, `<h1>Sandbox error</h1><pre>${escapeHtml(String(error))}</pre>`);
      else response.destroy();
    });
  };
  const thirdParty: RequestListener = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://sandbox.local').pathname;
    log.record(request, path);
    handleThirdParty(request, response, path);
  };
  const host = options.host ?? SANDBOX_CONTROL_HOST;
  const multiOrigin = host === SANDBOX_CONTROL_HOST;
  const hosts: (readonly [string, RequestListener])[] = [[host, sites]];
  if (multiOrigin) hosts.push([SANDBOX_THIRD_PARTY_HOST, thirdParty], ...sandboxSiteHosts().map((site) => [site, sites] as const));
  const listeners = await listenOnAll(hosts, options.port ?? 0);
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${listeners.port}`;
  config.thirdPartyOrigin = sandboxThirdPartyOrigin(baseUrl);
  const siteOrigin = (siteId: string, instance: number): string => sandboxSiteOrigin(baseUrl, catalogIndexOf(siteId, instance));
  return {
    baseUrl,
    thirdPartyOrigin: config.thirdPartyOrigin,
    sites: SANDBOX_SITES,
    accepted: () => [...state.acceptedList],
    rejected: () => [...state.rejectedList],
    requests: () => log.list(),
    siteOrigin,
    submissionUrl: (siteId, instance) => `${siteOrigin(siteId, instance)}${sandboxSubmissionPath(siteId, instance)}`,
    reset: () => {
      state.reset();
      log.clear();
    },
    close: () => listeners.close(),
  };
}

/** `/d/<siteId>-<n>/<submitPath>`; throws for an unknown template. */
export function sandboxSubmissionPath(siteId: string, instance: number): string {
  const site = findSiteTemplate(siteId);
  if (site === undefined) throw new Error(`Unknown sandbox site ${siteId}`);
  return `/d/${siteId}-${instance}/${site.submitPath}`;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  state: SandboxState,
  config: SandboxConfig,
  log: RequestLog,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox.local');
  if (url.pathname.startsWith('/__sandbox/')) return control(url.pathname, request, response, state, log);
  log.record(request, url.pathname);
  const match = INSTANCE_PATH.exec(url.pathname);
  const site = match ? findSiteTemplate(match[1]) : undefined;
  if (match === null || site === undefined || Number(match[2]) < 1) {
    if (url.pathname === '/') return sendHtml(response, 200, indexPage());
    return sendHtml(response, 404, '<h1>Not found</h1>');
  }
  const instance = `${match[1]}-${Number(match[2])}`;
  const root = `/d/${instance}/`;
  if (match[3] === undefined) return redirect(response, 301, root);
  const path = match[3].slice(1).replace(/\/+$/, '');
  await routeSite({ site, instance, root, path, url, request, response, state, config });
}

function control(path: string, request: IncomingMessage, response: ServerResponse, state: SandboxState, log: RequestLog): void {
  if (path === '/__sandbox/accepted' && request.method === 'GET') return sendJson(response, 200, state.acceptedList);
  if (path === '/__sandbox/rejected' && request.method === 'GET') return sendJson(response, 200, state.rejectedList);
  if (path === '/__sandbox/sites' && request.method === 'GET') return sendJson(response, 200, SANDBOX_SITES);
  if (path === '/__sandbox/requests' && request.method === 'GET') return sendJson(response, 200, log.list());
  if (path === '/__sandbox/health' && request.method === 'GET') return sendJson(response, 200, { ok: true });
  if (path === '/__sandbox/reset' && request.method === 'POST') {
    state.reset();
    log.clear();
    return sendJson(response, 200, { reset: true });
  }
  sendJson(response, 404, { error: 'unknown sandbox endpoint' });
}

function indexPage(): string {
  const items = SITE_TEMPLATES.map(
    (site) => `<li><a href="/d/${site.id}-1/">${escapeHtml(site.name)}</a> (${site.id}, ${site.behaviour})</li>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Directory sandbox</title></head>
<body><h1>Directory sandbox</h1><p>Each site is served under /d/&lt;siteId&gt;-&lt;n&gt;/ for any n ≥ 1.</p><ul>${items}</ul></body></html>`;
}
