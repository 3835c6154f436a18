import { detectMapping } from '../field-detection/detect-mapping';
import { extractFields } from '../field-detection/extract-fields.browser';
import type { DetectFields } from './detected-form';

/** The real detection (src/workers/field-detection) behind the submitter's `detectFields` port. */
export const detectFieldsInPage: DetectFields = async (page) => {
  const detected = detectMapping(await page.evaluate(extractFields));
  return {
    mapping: detected.mapping,
    termsCheckboxes: detected.terms,
    contactFirstName: detected.contactFirstName,
    contactLastName: detected.contactLastName,
    confirmEmail: detected.confirmEmail,
    phoneParts: detected.phoneParts,
    confidence: detected.confidence,
    uncertain: detected.uncertain,
    missingRequired: detected.missingRequired,
  };
};
