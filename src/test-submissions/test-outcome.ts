import type { ManualReason } from '../submissions/submission.events';
import type { FormMapping, SubmissionOutcome } from '../workers/submitter.port';

/** The stored, flattened form of a SubmissionOutcome (only the fields its kind has). */
export interface TestOutcome {
  readonly kind: SubmissionOutcome['kind'];
  readonly message?: string;
  readonly reason?: ManualReason;
  readonly listingUrl?: string | null;
  readonly mappingUsed: FormMapping | null;
  readonly evidencePath: string | null;
}

const KINDS: readonly string[] = ['success', 'duplicate', 'transient', 'permanent', 'needs_manual', 'dry_run'];

/** Copies only known fields, so a submitter cannot put anything else into the table or the response. */
export function toTestOutcome(outcome: SubmissionOutcome): TestOutcome {
  const evidence = { mappingUsed: outcome.mappingUsed ?? null, evidencePath: outcome.evidencePath ?? null };
  switch (outcome.kind) {
    case 'success':
      return { kind: outcome.kind, listingUrl: outcome.listingUrl ?? null, ...evidence };
    case 'needs_manual':
      return { kind: outcome.kind, reason: outcome.reason, message: outcome.message, ...evidence };
    case 'duplicate':
    case 'transient':
    case 'permanent':
      return { kind: outcome.kind, message: outcome.message, ...evidence };
    case 'dry_run':
      return { kind: outcome.kind, ...evidence };
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}

/** A submitter's answer is data from outside this module: check its shape before trusting the switch. */
export function isSubmissionOutcome(value: unknown): value is SubmissionOutcome {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === 'object' && value !== null && typeof kind === 'string' && KINDS.includes(kind);
}
