import { Transform } from 'class-transformer';
import { toPlainText } from '../shared/plain-text';

/**
 * For every free-text field of a listing on its way in: markup and scripts are removed before
 * validation, so length limits apply to what is kept. Non-strings pass untouched for the validator.
 */
export function PlainText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? toPlainText(value) : value));
}
