import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findUnstorableText } from '../shared/storable-text';

/**
 * Refuses request input that PostgreSQL could not store (a NUL, a lone UTF-16 surrogate)
 * before any handler sees it: such text reaches tables and events alike, and there it would
 * surface as a database error (a 500) instead of a 400 that names the field.
 */
export class StorableInputPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findUnstorableText(value, metadata.data ? `${metadata.type}.${metadata.data}` : metadata.type);
    if (!found) return value;
    const message = `Invalid request: ${found.path} holds ${found.problem}, which cannot be stored`;
    throw new BadRequestException({ error: 'unstorable_text', message, problems: [message] });
  }
}
