import { clipText, isStorableText, storableText } from '../../shared/storable-text';
import type { ManualReason } from '../../submissions/submission.events';
import {
  CAPTCHA_TEXT,
  DUPLICATE_TEXT,
  LISTING_LINK_HREF,
  LISTING_LINK_TEXT,
  LOGIN_TEXT,
  LOGIN_URL,
  STRONG_ERROR_TEXT,
  SUCCESS_TEXT,
  TRANSIENT_TEXT,
  VERIFICATION_TEXT,
  WEAK_ERROR_TEXT,
} from './result-patterns';

export interface PageLink {
  readonly href: string;
  readonly text: string;
}

/** What the page shows after the submit. `text` is what changed when the page stayed the same document. */
export interface ResultPage {
  readonly status: number;
  readonly url: string;
  readonly text: string;
  readonly links?: readonly PageLink[];
  readonly captchaWidget?: boolean;
  readonly passwordField?: boolean;
}

export type Verdict =
  | { readonly kind: 'success'; readonly listingUrl: string | null }
  | { readonly kind: 'duplicate'; readonly message: string }
  | { readonly kind: 'transient'; readonly message: string }
  | { readonly kind: 'permanent'; readonly message: string }
  | { readonly kind: 'needs_manual'; readonly reason: ManualReason; readonly message: string };

export const UNCONFIRMED = 'could not confirm the submission';
const MESSAGE_LIMIT = 200;

export function isUnconfirmed(verdict: Verdict): boolean {
  return verdict.kind === 'permanent' && verdict.message === UNCONFIRMED;
}

/** Pure: decides what a result page means. The first rule that matches wins; order is the policy. */
export function classifyResult(result: ResultPage): Verdict {
  const page = { ...result, text: storableText(result.text) };
  return (
    statusVerdict(page.status) ??
    manualVerdict(page) ??
    textVerdict(page) ??
    widgetVerdict(page) ??
    clientErrorVerdict(page.status) ?? { kind: 'permanent', message: UNCONFIRMED }
  );
}

function statusVerdict(status: number): Verdict | null {
  if (status >= 500) return { kind: 'transient', message: `the directory answered HTTP ${status}` };
  if (status === 429) return { kind: 'transient', message: 'the directory is rate limiting (HTTP 429)' };
  return null;
}

function manualVerdict(page: ResultPage): Verdict | null {
  const text = normalize(page.text);
  const original = page.text;
  if (CAPTCHA_TEXT.test(text)) return manual('captcha', `the directory asks for a captcha: ${excerpt(original, CAPTCHA_TEXT)}`);
  const redirected = loginRedirectVerdict(page.url);
  if (redirected) return redirected;
  if (LOGIN_TEXT.test(text)) return manual('login', `the directory asks to log in: ${excerpt(original, LOGIN_TEXT)}`);
  if (VERIFICATION_TEXT.test(text)) {
    return manual('verification', `the directory asks for a verification: ${excerpt(original, VERIFICATION_TEXT)}`);
  }
  return null;
}

function textVerdict(page: ResultPage): Verdict | null {
  const text = normalize(page.text);
  const original = page.text;
  if (DUPLICATE_TEXT.test(text)) return { kind: 'duplicate', message: excerpt(original, DUPLICATE_TEXT) };
  if (TRANSIENT_TEXT.test(text)) return { kind: 'transient', message: excerpt(original, TRANSIENT_TEXT) };
  if (STRONG_ERROR_TEXT.test(text)) return { kind: 'permanent', message: excerpt(original, STRONG_ERROR_TEXT) };
  if (SUCCESS_TEXT.test(text) && page.status < 400) return { kind: 'success', listingUrl: listingUrl(page) };
  if (WEAK_ERROR_TEXT.test(text)) return { kind: 'permanent', message: excerpt(original, WEAK_ERROR_TEXT) };
  return null;
}

function widgetVerdict(page: ResultPage): Verdict | null {
  if (page.captchaWidget) return manual('captcha', 'a captcha is shown after submitting');
  if (page.passwordField) return manual('login', 'a login form is shown after submitting');
  return null;
}

function clientErrorVerdict(status: number): Verdict | null {
  if (status >= 400) return { kind: 'permanent', message: `the directory answered HTTP ${status}` };
  return null;
}

/** Also checked before the submit: a form page that is a login page needs a person just the same. */
export function loginRedirectVerdict(url: string): Verdict | null {
  return LOGIN_URL.test(pathOf(url)) ? manual('login', 'the directory redirected to a login page') : null;
}

function manual(reason: ManualReason, message: string): Verdict {
  return { kind: 'needs_manual', reason, message: clip(message) };
}

export function listingUrl(page: ResultPage): string | null {
  const links = page.links ?? [];
  const byText = links.find((link) => LISTING_LINK_TEXT.test(normalize(link.text)) && isListingHref(link.href));
  const byHref = links.find((link) => LISTING_LINK_HREF.test(pathOf(link.href)) && isListingHref(link.href));
  return (byText ?? byHref)?.href ?? null;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[ \t\u00a0]+/g, ' ');
}

/** The line that matched, as the page says it, so the message is the directory's own words. */
function excerpt(text: string, pattern: RegExp): string {
  const line = text
    .split(/\n+/)
    .map((part) => part.trim())
    .find((part) => pattern.test(normalize(part)));
  return clip(line ?? normalize(text).match(pattern)?.[0] ?? '');
}

/** Page text becomes event data: cut on code points, without what jsonb refuses. */
function clip(message: string): string {
  return clipText(message.replace(/\s+/g, ' ').trim(), MESSAGE_LIMIT);
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '';
  }
}

/** A URL with a NUL or a half surrogate pair is no address to keep: cleaning it would change it. */
function isListingHref(url: string): boolean {
  return /^https?:\/\//i.test(url) && isStorableText(url);
}
