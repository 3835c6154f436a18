import type { Page } from 'playwright';
import { LISTING_FIELDS } from '../../directories/form-mapping.validation';
import { extractFields } from '../field-detection/extract-fields.browser';
import { REQUIRED_FIELDS, UNCERTAIN_BELOW } from '../field-detection/mapping-confidence';
import type { DetectedForm, DetectFields } from '../playwright/detected-form';
import type { FormMapping, ListingField } from '../submitter.port';
import { checkAnswers, type Rejection } from './answer-check';
import { controlFacts, type ControlFacts } from './control-facts.browser';
import type { MappingServiceClient } from './mapping-service.client';
import { mappingRequest, type MappingAnswer } from './mapping-service.contract';

export interface AssistOptions {
  readonly minConfidence: number;
  readonly log: (message: string) => void;
}

/** Pages asked about, so a directory whose answer was of no use is not asked on every visit. */
const MAX_REMEMBERED = 10_000;

/**
 * Detection first; only when it leaves a required field unmapped or guessed (and the known
 * mapping has no control on the page for it) is the service asked, and only its answers that
 * hold up on the page are used. Whatever happens, detection's own result is the floor.
 */
export function withMappingService(detect: DetectFields, client: MappingServiceClient, options: AssistOptions): DetectFields {
  const asked = new Set<string>();
  return async (page, known) => {
    const detected = await detect(page, known);
    if (!detected.uncertain) return detected;
    try {
      return await assist(page, known ?? null, detected, { client, options, asked });
    } catch (error) {
      // The page moved on under us (a redirect): detection's answer stands.
      options.log(`mapping service not used on ${page.url()}: ${(error as Error).message}`);
      return detected;
    }
  };
}

interface AssistContext {
  readonly client: MappingServiceClient;
  readonly options: AssistOptions;
  readonly asked: Set<string>;
}

async function assist(page: Page, known: FormMapping | null, detected: DetectedForm, context: AssistContext): Promise<DetectedForm> {
  const knownSelectors = Object.values(known ?? {}).flat();
  const covered = coveredFields(detected, known, await page.evaluate(controlFacts, knownSelectors));
  if (REQUIRED_FIELDS.every((field) => covered.has(field))) return detected;
  const address = pageAddress(page.url());
  if (context.asked.has(address)) return detected;
  const wanted = LISTING_FIELDS.filter((field) => !covered.has(field));
  const reply = await context.client.ask(mappingRequest(page.url(), wanted, await page.evaluate(extractFields)));
  if (reply.kind !== 'answered') {
    context.options.log(`mapping service ${reply.kind} for ${address}: ${reply.reason}; detection alone decides`);
    return detected;
  }
  if (context.asked.size >= MAX_REMEMBERED) context.asked.clear();
  context.asked.add(address);
  const facts = await page.evaluate(
    controlFacts,
    reply.answers.map((answer) => answer.selector),
  );
  const checked = checkAnswers(reply.answers, facts, wanted, context.options.minConfidence);
  const merged = mergeAnswers(detected, checked.accepted);
  const rejected = [...checked.rejected, ...merged.rejected];
  if (rejected.length > 0) context.options.log(`mapping service answers rejected for ${address}: ${describe(rejected)}`);
  return merged.form;
}

/** Fields the known mapping has a visible control for, or detection mapped with confidence. */
function coveredFields(detected: DetectedForm, known: FormMapping | null, facts: readonly ControlFacts[]): Set<ListingField> {
  const usable = new Set(facts.filter((f) => f.count >= 1 && f.visible).map((f) => f.selector));
  const covered = new Set<ListingField>();
  for (const [field, selectors] of Object.entries(known ?? {}) as Array<[ListingField, readonly string[]]>)
    if (selectors.some((selector) => usable.has(selector))) covered.add(field);
  for (const field of Object.keys(detected.mapping) as ListingField[])
    if ((detected.confidence?.[field] ?? 1) >= UNCERTAIN_BELOW) covered.add(field);
  return covered;
}

/** An answer takes over a control detection only guessed; a control detection is sure of stays detection's. */
export function mergeAnswers(
  detected: DetectedForm,
  answers: readonly MappingAnswer[],
): { readonly form: DetectedForm; readonly rejected: readonly Rejection[] } {
  const mapping: Partial<Record<ListingField, readonly string[]>> = { ...detected.mapping };
  const confidence: Partial<Record<ListingField, number>> = { ...detected.confidence };
  const rejected: Rejection[] = [];
  for (const answer of answers) {
    const holder = (Object.keys(mapping) as ListingField[]).find(
      (field) => field !== answer.field && mapping[field]?.includes(answer.selector),
    );
    if (holder && (confidence[holder] ?? 1) >= UNCERTAIN_BELOW) {
      rejected.push({ answer, reason: `the control is detected as ${holder}` });
      continue;
    }
    if (holder) {
      delete mapping[holder];
      delete confidence[holder];
    }
    mapping[answer.field] = [answer.selector];
    confidence[answer.field] = answer.confidence;
  }
  const missingRequired = REQUIRED_FIELDS.filter((field) => !mapping[field]);
  const guessed = REQUIRED_FIELDS.some((field) => (confidence[field] ?? 1) < UNCERTAIN_BELOW);
  return { form: { ...detected, mapping, confidence, missingRequired, uncertain: missingRequired.length > 0 || guessed }, rejected };
}

function pageAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function describe(rejected: readonly Rejection[]): string {
  return rejected.map(({ answer, reason }) => `${answer.field} ${JSON.stringify(answer.selector.slice(0, 80))} (${reason})`).join('; ');
}
