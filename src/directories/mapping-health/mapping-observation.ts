import type { DirectoryTarget, FormMapping, ListingField, SubmissionOutcome } from '../../workers/submitter.port';

/** What one submission says about its directory's mapping. */
export interface MappingObservation {
  readonly result: 'succeeded' | 'failed' | null;
  /** The failure's message, when result is 'failed'. */
  readonly failure: string | null;
  /** Learned fields whose selectors no longer matched and that detection found elsewhere. */
  readonly redetected: readonly ListingField[];
}

/** The worker's verdict when the page offers nothing to fill: a mapping that found no form failed. */
const NO_FORM = 'no listing form found on the page';

/**
 * Pure. Counts only what the mapping decides: a success (or a duplicate the site recognised), a
 * failure after the form was filled, or no form found. A captcha, a login or a browser that would
 * not start says nothing about the mapping. Null when there is nothing to note.
 */
export function observeMapping(target: DirectoryTarget, outcome: SubmissionOutcome): MappingObservation | null {
  const redetected = target.mappingSource === 'learned' ? movedFields(target.formMapping, outcome.mappingUsed) : [];
  const result = resultOf(outcome);
  if (result === null && redetected.length === 0) return null;
  const failure = result === 'failed' && 'message' in outcome ? outcome.message : null;
  return { result, failure, redetected };
}

function resultOf(outcome: SubmissionOutcome): MappingObservation['result'] {
  if (outcome.kind === 'success' || outcome.kind === 'duplicate') return 'succeeded';
  if (outcome.kind !== 'permanent' && outcome.kind !== 'transient') return null;
  return outcome.mappingUsed !== null || outcome.message === NO_FORM ? 'failed' : null;
}

/**
 * A field absent from what was used may just have had no value to fill; a field filled through
 * another control than any the learned mapping names was re-detected.
 */
function movedFields(learned: FormMapping | null, used: FormMapping | null): ListingField[] {
  if (!learned || !used) return [];
  // Sorted: a stored jsonb mapping does not keep its keys' order.
  return (Object.keys(learned) as ListingField[])
    .filter((field) => {
      const now = used[field];
      return now !== undefined && now.length > 0 && !now.some((selector) => learned[field]?.includes(selector));
    })
    .sort();
}
