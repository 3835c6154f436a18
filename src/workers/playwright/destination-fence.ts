import type { CDPSession, Page } from 'playwright';
import type { DestinationGuard } from '../../outbound/destination-guard';
import { clipText } from '../../shared/storable-text';
import type { BlockPolicy } from './resource-blocking';

/** The part of DevTools' Fetch.requestPaused event we read. */
interface PausedRequest {
  readonly requestId: string;
  readonly request: { readonly url: string };
  readonly resourceType: string;
}

export interface DestinationFence {
  /** Why the first page (top-level or frame) the fence stopped was refused; null while none was. */
  refusal(): string | null;
  /** Stops fencing (a reused page gets a new fence per submission); never throws. */
  detach(): Promise<void>;
}

export interface FenceOptions {
  /** Requests dropped silently (heavy or third-party resources), after the guard passed them. */
  readonly block?: BlockPolicy;
  /** Every http(s) origin the page asked for: what has to be cleared before the page is reused. */
  readonly onOrigin?: (origin: string) => void;
}

/**
 * Holds every request of the page, redirect hops included, until the guard has passed its URL;
 * a refused one fails as blocked-by-client before it leaves the browser. Playwright's route()
 * never sees redirect hops, DevTools' Fetch domain does (and runs beside route()). Subresources
 * are refused silently; a refused document is what the submission's outcome reports.
 */
export async function fenceDestinations(page: Page, guard: DestinationGuard, options: FenceOptions = {}): Promise<DestinationFence> {
  const session = await page.context().newCDPSession(page);
  let refused: string | null = null;
  session.on('Fetch.requestPaused', (event: PausedRequest) => {
    void decide(session, guard, event, options, (reason) => {
      if (event.resourceType === 'Document') refused ??= `${clipText(event.request.url, 200)}: ${reason}`;
    });
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  return { refusal: () => refused, detach: () => session.detach().catch(() => undefined) };
}

async function decide(
  session: CDPSession,
  guard: DestinationGuard,
  event: PausedRequest,
  options: FenceOptions,
  onRefused: (reason: string) => void,
): Promise<void> {
  const { requestId, request } = event;
  // data:, blob: and the like never reach the network; only http(s) is fenced.
  const web = /^https?:/i.test(request.url);
  if (web) options.onOrigin?.(originOf(request.url));
  const check = web ? await guard.check(request.url) : { allowed: true as const };
  // Noted before the request fails, so the outcome sees it as soon as the navigation does.
  if (!check.allowed) onRefused(check.reason);
  const pass = check.allowed && !options.block?.(request.url, event.resourceType);
  const sent = pass
    ? session.send('Fetch.continueRequest', { requestId })
    : session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
  // The page may close under a paused request (abort, watchdog): nothing is left to answer.
  await sent.catch(() => undefined);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
