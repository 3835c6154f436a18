import type { Page } from 'playwright';
import { clipText } from '../../shared/storable-text';
import type { Verdict } from './outcome-classifier';
import { stopLoading } from './page-change';

export type Landing = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly verdict: Verdict };

const UNREACHABLE = new Set([
  'ERR_CONNECTION_REFUSED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_FAILED',
  'ERR_CONNECTION_TIMED_OUT',
  'ERR_EMPTY_RESPONSE',
  'ERR_TIMED_OUT',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NETWORK_CHANGED',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_SOCKET_NOT_CONNECTED',
  'ERR_NETWORK_ACCESS_DENIED',
  'ERR_HTTP2_PROTOCOL_ERROR',
]);

/** Only http(s): a `file:` or `javascript:` URL from the catalog must never reach the browser. */
export function refuseUrl(url: string): Verdict | null {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return { kind: 'permanent', message: `directory URL is not a valid URL: ${clipText(url, 200)}` };
  }
  if (protocol === 'http:' || protocol === 'https:') return null;
  return { kind: 'permanent', message: `directory URL must be http or https: ${clipText(url, 200)}` };
}

export async function openForm(page: Page, url: string, timeoutMs: number): Promise<Landing> {
  try {
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const status = response?.status() ?? 0;
    const verdict = landingStatusVerdict(status);
    return verdict ? { ok: false, verdict } : { ok: true, status };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') await stopLoading(page);
    return { ok: false, verdict: navigationErrorVerdict(error, timeoutMs) };
  }
}

/** Pure: what the status of the form page itself means. */
export function landingStatusVerdict(status: number): Verdict | null {
  if (status >= 500) return { kind: 'transient', message: `the directory's form page answered HTTP ${status}` };
  if (status === 429) return { kind: 'transient', message: 'the directory is rate limiting (HTTP 429)' };
  if (status === 404 || status === 410) return { kind: 'permanent', message: `the directory's form page is gone (HTTP ${status})` };
  if (status === 401) return { kind: 'needs_manual', reason: 'login', message: "the directory's form page needs a login (HTTP 401)" };
  return null;
}

/** Pure: a failed `goto` as an outcome, without Playwright's call log. */
export function navigationErrorVerdict(error: unknown, timeoutMs: number): Verdict {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { kind: 'transient', message: `navigation timed out after ${timeoutMs} ms` };
  }
  const code = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
  if (code && UNREACHABLE.has(code)) return { kind: 'transient', message: `site unreachable (${code})` };
  if (code && /^ERR_(CERT|SSL)/.test(code)) return { kind: 'permanent', message: `the site's TLS certificate is not valid (${code})` };
  if (code) return { kind: 'permanent', message: `the page could not be loaded (${code})` };
  return browserErrorVerdict(error);
}

/** Pure: an unexpected browser-side error (crash, closed context) as a retryable outcome. */
export function browserErrorVerdict(error: unknown): Verdict {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'transient', message: 'the page did not respond in time' };
  if (/closed|crash|disconnected|Target page/i.test(message))
    return { kind: 'transient', message: 'the browser closed or crashed during the submission' };
  return { kind: 'transient', message: `browser error: ${firstLine(message)}` };
}

function firstLine(message: string): string {
  // A page's script can throw any text: it becomes event data, so cut on code points.
  return clipText((message.split('\n')[0] ?? '').replace(/^\w+(\.\w+)?: /, ''), 200);
}
