import type { Page } from 'playwright';
import type { FormMapping } from '../submitter.port';

/** What automatic field detection found on the page; selectors are CSS. */
export interface DetectedForm {
  readonly mapping: FormMapping;
  readonly termsCheckboxes: readonly string[];
  readonly contactFirstName?: string | null;
  readonly contactLastName?: string | null;
  readonly confirmEmail?: string | null;
  /** A number split into boxes (area code, prefix, line…), in order; the first is mapping.phone. */
  readonly phoneParts?: readonly string[];
}

export type DetectFields = (page: Page) => Promise<DetectedForm>;
