import type { Page } from 'playwright';
import type { FormMapping, ListingField } from '../submitter.port';

/** What automatic field detection found on the page; selectors are CSS. */
export interface DetectedForm {
  readonly mapping: FormMapping;
  readonly termsCheckboxes: readonly string[];
  readonly contactFirstName?: string | null;
  readonly contactLastName?: string | null;
  readonly confirmEmail?: string | null;
  /** A number split into boxes (area code, prefix, line…), in order; the first is mapping.phone. */
  readonly phoneParts?: readonly string[];
  /** Mapped field → 0..1, how much its control is trusted to be that field. */
  readonly confidence?: Partial<Readonly<Record<ListingField, number>>>;
  /** A required field is missing or was only guessed. */
  readonly uncertain?: boolean;
  readonly missingRequired?: readonly ListingField[];
}

/** `known`: the curated or learned mapping the form is filled with first (detection may be asked less of). */
export type DetectFields = (page: Page, known?: FormMapping | null) => Promise<DetectedForm>;
