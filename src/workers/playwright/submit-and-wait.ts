import type { Page, Request, Response } from 'playwright';
import { clipText } from '../../shared/storable-text';
import { classifyResult, isUnconfirmed, type Verdict } from './outcome-classifier';
import { awaitChange, isNavigationError, stopLoading, takeSnapshot, type PageChange } from './page-change';
import type { PhaseListener } from './submission-phases';
import { triggerSubmit, type TriggerRequest, type TriggerResult } from './submit-trigger.browser';

/** After an inconclusive change with nothing in flight, how long more changes may still bring the verdict. */
const UNCONFIRMED_GRACE_MS = 1_500;

interface Traffic {
  status: number;
  readonly inFlight: Set<Request>;
}

/** Clicks submit, waits for the page to answer, and classifies the answer. */
export async function submitAndClassify(page: Page, landingStatus: number, timeoutMs: number, phases?: PhaseListener): Promise<Verdict> {
  const traffic: Traffic = { status: landingStatus, inFlight: new Set() };
  const onRequest = (request: Request): void => void traffic.inFlight.add(request);
  const onDone = (request: Request): void => void traffic.inFlight.delete(request);
  const onResponse = (response: Response): void => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) traffic.status = response.status();
  };
  page.on('request', onRequest).on('requestfinished', onDone).on('requestfailed', onDone).on('response', onResponse);
  try {
    const trigger = await pressButton(page, { target: 'submit' });
    if (trigger.kind === 'invalid')
      return { kind: 'permanent', message: `the form rejected the values: ${clipText(trigger.problems.join('; '), 300)}` };
    if (trigger.kind === 'nothing') return { kind: 'permanent', message: 'no way to submit the form was found' };
    if (trigger.kind === 'press_enter') await page.locator(`[data-dbolt~="${trigger.key}"]`).press('Enter', { timeout: timeoutMs });
    phases?.('submit');
    const verdict = await awaitVerdict(page, traffic, timeoutMs);
    phases?.('result page');
    return verdict;
  } finally {
    page.off('request', onRequest).off('requestfinished', onDone).off('requestfailed', onDone).off('response', onResponse);
  }
}

/** Clicks the tagged button; a navigation racing the evaluate's reply still counts as clicked. */
export async function pressButton(page: Page, request: TriggerRequest): Promise<TriggerResult> {
  try {
    return await page.evaluate(triggerSubmit, request);
  } catch (error) {
    if (isNavigationError(error)) return { kind: 'clicked' };
    throw error;
  }
}

async function awaitVerdict(page: Page, traffic: Traffic, timeoutMs: number): Promise<Verdict> {
  const deadline = Date.now() + timeoutMs;
  let giveUpAt = deadline;
  let seen = 0;
  let last: Verdict | null = null;
  for (;;) {
    const until = traffic.inFlight.size > 0 ? deadline : Math.min(giveUpAt, deadline);
    const change: PageChange = until > Date.now() ? await awaitChange(page, seen, until - Date.now()) : { kind: 'timeout' };
    if (change.kind === 'timeout' && !(traffic.inFlight.size > 0 && Date.now() < deadline)) break;
    if (change.kind === 'timeout') continue;
    seen = change.kind === 'changed' ? change.count : 0;
    last = classifyResult({ status: traffic.status, ...(await takeSnapshot(page, Math.max(1, deadline - Date.now()))) });
    if (!isUnconfirmed(last)) return last;
    giveUpAt = Date.now() + UNCONFIRMED_GRACE_MS;
  }
  if (traffic.inFlight.size > 0) await stopLoading(page);
  return last ?? { kind: 'transient', message: `submit timed out after ${timeoutMs} ms` };
}
