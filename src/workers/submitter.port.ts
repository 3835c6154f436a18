import type { BusinessSnapshot } from '../jobs/job.events';
import type { ManualReason } from '../submissions/submission.events';

export const SUBMITTER = Symbol('SUBMITTER');

/** Listing fields a directory form can ask for (keys of a form mapping). */
export type ListingField =
  | 'businessName'
  | 'contactName'
  | 'email'
  | 'phone'
  | 'website'
  | 'address'
  | 'address2'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'category'
  | 'description'
  | 'logo';

/** Field → ordered fallback CSS selectors: the seed's `formMapping` shape, plus our extra fields. */
export type FormMapping = Partial<Readonly<Record<ListingField, readonly string[]>>>;

export interface DirectoryTarget {
  readonly id: string;
  readonly submissionUrl: string;
  readonly domain: string;
  readonly requiresLogin: boolean;
  readonly hasCaptcha: boolean;
  /** Curated or learned; null = detect the fields. */
  readonly formMapping: FormMapping | null;
  /** Where formMapping came from: a learned one is replaced when a run had to find other fields. */
  readonly mappingSource?: 'curated' | 'learned' | null;
}

export interface SubmissionRequest {
  readonly jobId: string;
  readonly directoryId: string;
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly directory: DirectoryTarget;
  readonly business: BusinessSnapshot;
  /** Fill the form, take the screenshot, do not submit. */
  readonly dryRun?: boolean;
}

interface Evidence {
  /** Screenshot, relative to the evidence directory. */
  readonly evidencePath: string | null;
  /** The mapping actually used (selectors that matched), to be stored as learned. */
  readonly mappingUsed: FormMapping | null;
}

export type SubmissionOutcome = Evidence &
  (
    | { readonly kind: 'success'; readonly listingUrl: string | null }
    /** The directory already has this listing (e.g. our earlier attempt got through before a crash). */
    | { readonly kind: 'duplicate'; readonly message: string }
    | { readonly kind: 'transient'; readonly message: string }
    | { readonly kind: 'permanent'; readonly message: string }
    | { readonly kind: 'needs_manual'; readonly reason: ManualReason; readonly message: string }
    | { readonly kind: 'dry_run' }
  );

/** The worker's browser as the fleet view shows it. */
export interface BrowserState {
  readonly launched: boolean;
  /** Launches after the first: retirements, crashes and hangs. */
  readonly restarts: number;
  readonly openContexts: number;
}

/**
 * Submits one listing to one directory. Never throws for a site's behaviour: it classifies it.
 * Every string of an outcome can be stored as event data (see storableOutcome).
 */
export interface Submitter {
  submit(request: SubmissionRequest, signal?: AbortSignal): Promise<SubmissionOutcome>;
  close(): Promise<void>;
  /** Absent for submitters without a browser (test doubles). */
  browserState?(): BrowserState;
}
