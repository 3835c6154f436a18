import { isStorableText, storableText } from '../shared/storable-text';
import type { FormMapping, ListingField, SubmissionOutcome } from './submitter.port';

/**
 * An outcome whose every string PostgreSQL can store. Its message, listing URL and selectors come
 * from a directory's page; they become event data and the learned mapping, and one NUL or half
 * surrogate pair would make each append of the result fail, so the submission would run again and
 * again. A message loses the bad characters; a URL or selector holding them is left out instead,
 * since a cleaned one would point somewhere else.
 */
export function storableOutcome(outcome: SubmissionOutcome): SubmissionOutcome {
  const evidence = { mappingUsed: storableMapping(outcome.mappingUsed), evidencePath: keepIfStorable(outcome.evidencePath) };
  switch (outcome.kind) {
    case 'success':
      return { ...outcome, ...evidence, listingUrl: keepIfStorable(outcome.listingUrl) };
    case 'duplicate':
    case 'transient':
    case 'permanent':
    case 'needs_manual':
      return { ...outcome, ...evidence, message: storableText(outcome.message) };
    case 'dry_run':
      return { ...outcome, ...evidence };
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}

function storableMapping(mapping: FormMapping | null): FormMapping | null {
  if (!mapping) return null;
  const kept: Partial<Record<ListingField, readonly string[]>> = {};
  for (const [field, selectors] of Object.entries(mapping) as Array<[ListingField, readonly string[] | undefined]>) {
    const storable = (selectors ?? []).filter(isStorableText);
    if (storable.length > 0) kept[field] = storable;
  }
  // Nothing left to learn is no mapping, not an empty one that would replace what was learned.
  return Object.keys(kept).length === 0 && Object.keys(mapping).length > 0 ? null : kept;
}

function keepIfStorable(text: string | null): string | null {
  return text !== null && isStorableText(text) ? text : null;
}
