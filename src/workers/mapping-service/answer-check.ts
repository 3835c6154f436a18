import type { ListingField } from '../submitter.port';
import type { ControlFacts } from './control-facts.browser';
import type { MappingAnswer } from './mapping-service.contract';

export interface Rejection {
  readonly answer: MappingAnswer;
  readonly reason: string;
}

export interface CheckedAnswers {
  readonly accepted: readonly MappingAnswer[];
  readonly rejected: readonly Rejection[];
}

const TEXT = ['text', 'search'];
/** What each listing field can plausibly be typed into; anything else (a password, a checkbox, a hidden input) is wrong. */
const PLAUSIBLE: Readonly<Record<ListingField, readonly string[]>> = {
  businessName: TEXT,
  contactName: TEXT,
  email: [...TEXT, 'email'],
  phone: [...TEXT, 'tel', 'number'],
  website: [...TEXT, 'url'],
  address: [...TEXT, 'textarea'],
  address2: TEXT,
  city: [...TEXT, 'select'],
  state: [...TEXT, 'select'],
  zip: [...TEXT, 'tel', 'number'],
  country: [...TEXT, 'select'],
  category: [...TEXT, 'select'],
  description: [...TEXT, 'textarea'],
  logo: ['file'],
};

/** The type a control's facts name: the input type, or 'select' / 'textarea'. */
export function plausibleFor(field: ListingField, type: string): boolean {
  return PLAUSIBLE[field].includes(type);
}

/**
 * Every answer against the page: only fields that were asked for, confident enough, whose
 * selector matches exactly one visible, editable control of a plausible type, and no control
 * claimed twice.
 */
export function checkAnswers(
  answers: readonly MappingAnswer[],
  facts: readonly ControlFacts[],
  wanted: readonly ListingField[],
  minConfidence: number,
): CheckedAnswers {
  const bySelector = new Map(facts.map((f) => [f.selector, f]));
  const accepted: MappingAnswer[] = [];
  const rejected: Rejection[] = [];
  const claimed = new Set<string>();
  for (const answer of answers) {
    const reason =
      rejectionOf(answer, bySelector.get(answer.selector), wanted, minConfidence) ??
      (claimed.has(answer.selector) ? 'selector given for two fields' : null);
    if (reason) rejected.push({ answer, reason });
    else {
      accepted.push(answer);
      claimed.add(answer.selector);
    }
  }
  return { accepted, rejected };
}

function rejectionOf(
  answer: MappingAnswer,
  facts: ControlFacts | undefined,
  wanted: readonly ListingField[],
  minConfidence: number,
): string | null {
  if (!wanted.includes(answer.field)) return 'field was not asked for';
  if (answer.confidence < minConfidence) return `confidence ${answer.confidence} below ${minConfidence}`;
  if (!facts || facts.count === -1) return 'not a valid CSS selector';
  if (facts.count === 0) return 'matches nothing on the page';
  if (facts.count > 1) return `matches ${facts.count} controls`;
  if (!facts.visible) return 'matches a control that is not visible';
  if (!facts.editable) return 'matches a disabled or read-only control';
  if (!plausibleFor(answer.field, facts.type)) return `a ${facts.type} control cannot hold ${answer.field}`;
  return null;
}
