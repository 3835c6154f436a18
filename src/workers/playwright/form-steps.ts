import type { Page } from 'playwright';
import type { BusinessSnapshot } from '../../jobs/job.events';
import type { FormMapping, ListingField } from '../submitter.port';
import type { DetectedForm, DetectFields } from './detected-form';
import { phonePartKey, planFill } from './fill-plan';
import { fillControls } from './form-fill.browser';
import { LOGO_PNG } from './logo-png';
import { loginRedirectVerdict, type Verdict } from './outcome-classifier';
import { detectObstacles, type PageObstacles } from './page-obstacles.browser';
import { awaitChange, isNavigationError } from './page-change';
import { scanForm, type FormScan } from './page-scan.browser';
import type { PhaseListener } from './submission-phases';
import { pressButton } from './submit-and-wait';

export interface StepsInput {
  readonly mapping: FormMapping | null;
  readonly business: BusinessSnapshot;
  readonly detectFields: DetectFields;
  readonly stepTimeoutMs: number;
  /** No detection pass when the curated mapping claimed every visible control (the form is covered). */
  readonly skipCoveredDetection?: boolean;
  readonly phases?: PhaseListener;
}

export type StepsResult =
  | { readonly kind: 'filled'; readonly mappingUsed: FormMapping }
  | { readonly kind: 'stopped'; readonly verdict: Verdict; readonly mappingUsed: FormMapping | null };

const MAX_STEPS = 3;
const NO_FORM: Verdict = { kind: 'permanent', message: 'no listing form found on the page' };

/** Obstacles, mapping, filling; then "Next" through a wizard (at most 3 steps) until a submit shows. */
export async function fillFormSteps(page: Page, input: StepsInput): Promise<StepsResult> {
  let used: FormMapping = {};
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const [obstacles, scan] = await inspectStep(page, input);
    input.phases?.('detection');
    const obstacle = obstacleVerdict(obstacles);
    if (obstacle) return { kind: 'stopped', verdict: obstacle, mappingUsed: null };
    const plan = planFill(scan, input.business);
    if (plan.actions.length === 0 && plan.fileKeys.length === 0 && step === 0)
      return { kind: 'stopped', verdict: NO_FORM, mappingUsed: null };
    await page.evaluate(fillControls, plan.actions);
    for (const key of plan.fileKeys) await attachLogo(page, key, input.stepTimeoutMs);
    used = { ...used, ...plan.mappingUsed };
    input.phases?.('fill');
    if (!scan.nextButton || scan.submitButton || step === MAX_STEPS - 1) break;
    await pressButton(page, { target: 'next' });
    if ((await awaitChange(page, 0, input.stepTimeoutMs)).kind === 'timeout') {
      return {
        kind: 'stopped',
        verdict: { kind: 'transient', message: `the next step of the form did not load within ${input.stepTimeoutMs} ms` },
        mappingUsed: used,
      };
    }
  }
  return { kind: 'filled', mappingUsed: used };
}

/** A navigation can still be landing when a step starts (a slow redirect): then look again on the new page. */
async function inspectStep(page: Page, input: StepsInput): Promise<[PageObstacles, FormScan]> {
  const inspect = (): Promise<[PageObstacles, FormScan]> => Promise.all([page.evaluate(detectObstacles), resolveControls(page, input)]);
  try {
    return await inspect();
  } catch (error) {
    if (!isNavigationError(error)) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: input.stepTimeoutMs });
    return inspect();
  }
}

/** Pure: a login or captcha on the page means a person has to do this one. */
export function obstacleVerdict(obstacles: PageObstacles): Verdict | null {
  if (obstacles.passwordField)
    return { kind: 'needs_manual', reason: 'login', message: 'the directory asks to log in (password field on the form page)' };
  const redirected = loginRedirectVerdict(obstacles.url);
  if (redirected) return redirected;
  if (obstacles.captcha)
    return { kind: 'needs_manual', reason: 'captcha', message: `the form is protected by a captcha (${obstacles.captcha})` };
  return null;
}

/** The curated mapping first; detection then fills in whatever the mapping did not claim. */
async function resolveControls(page: Page, input: StepsInput): Promise<FormScan> {
  const mapped = entries(input.mapping);
  const curated = page.evaluate(scanForm, { fields: mapped, termsSelectors: [], reset: true });
  const detect = (): Promise<DetectedForm> =>
    input.detectFields(page, input.mapping).catch((): DetectedForm => ({ mapping: {}, termsCheckboxes: [] }));
  let first: FormScan;
  let detected: DetectedForm;
  if (input.skipCoveredDetection && mapped.length > 0) {
    // The curated scan first: a form whose every visible control it claimed needs no detection pass.
    first = await curated;
    if (isCovered(first)) return first;
    detected = await detect();
  } else {
    // Detection only reads the page, so it runs alongside the curated scan: one round trip less.
    [first, detected] = await Promise.all([curated, detect()]);
  }
  const claimed = new Set(first.controls.map((control) => control.key));
  const missing = entries(detected.mapping).filter(([field]) => !claimed.has(field));
  const extras: Array<readonly [string, readonly string[]]> = [
    ['first', selectorList(detected.contactFirstName)],
    ['last', selectorList(detected.contactLastName)],
    ['confirmEmail', selectorList(detected.confirmEmail)],
    // Later boxes of a split phone number; the plan uses them only if the phone box claimed is a short one.
    ...(detected.phoneParts ?? []).slice(1).map((selector, i) => [phonePartKey(i + 1), [selector]] as const),
  ];
  const fields = [...missing, ...extras.filter(([, selectors]) => selectors.length > 0)];
  if (fields.length === 0 && detected.termsCheckboxes.length === 0) return first;
  const second = await page.evaluate(scanForm, { fields, termsSelectors: detected.termsCheckboxes, reset: false });
  return mergeScans(first, second);
}

/** Pure: the curated mapping claimed every visible control of its form and left nothing required empty. */
export function isCovered(scan: FormScan): boolean {
  return scan.formUnclaimed === 0 && scan.requiredUnclaimed === 0;
}

function mergeScans(first: FormScan, second: FormScan): FormScan {
  const extraKeys = new Set(['first', 'last', 'confirmEmail']);
  return {
    ...second,
    controls: [...first.controls, ...second.controls.filter((control) => !extraKeys.has(control.key))],
    firstName: first.firstName || second.firstName || second.controls.some((c) => c.key === 'first'),
    lastName: first.lastName || second.lastName || second.controls.some((c) => c.key === 'last'),
    confirmEmail: first.confirmEmail || second.confirmEmail || second.controls.some((c) => c.key === 'confirmEmail'),
    terms: first.terms + second.terms,
  };
}

async function attachLogo(page: Page, key: string, timeoutMs: number): Promise<void> {
  await page
    .locator(`[data-dbolt~="${key}"]`)
    .first()
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO_PNG }, { timeout: timeoutMs })
    .catch(() => undefined);
}

function entries(mapping: FormMapping | null): Array<readonly [ListingField, readonly string[]]> {
  if (!mapping) return [];
  return (Object.entries(mapping) as Array<[ListingField, readonly string[] | undefined]>).filter(
    (entry): entry is [ListingField, readonly string[]] => Array.isArray(entry[1]) && entry[1].length > 0,
  );
}

function selectorList(selector: string | null | undefined): readonly string[] {
  return selector ? [selector] : [];
}
