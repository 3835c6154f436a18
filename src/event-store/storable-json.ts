import { findUnstorableText, storableText } from '../shared/storable-text';
import { InvalidEventDataError } from './event-store.errors';

// JSON.stringify writes a lone surrogate and NUL as \u escapes (and pairs as they are); `\\`
// is matched first so that an escaped backslash followed by "u0000" is not taken for one.
const REFUSED_ESCAPE = /\\(\\|u0000|ud[89a-f][0-9a-f]{2})/gi;
const WHY = 'JSON text in the event store cannot hold NUL or a lone UTF-16 surrogate';

/** True when JSON.stringify output holds a string jsonb would refuse. */
function holdsRefusedEscape(json: string): boolean {
  if (!json.includes('\\u')) return false;
  for (const match of json.matchAll(REFUSED_ESCAPE)) if (match[1] !== '\\') return true;
  return false;
}

/** Refuses, naming where, an event whose type, data or metadata jsonb could not store. */
export function assertStorableEvent(type: string, dataJson: string, metadataJson: string): void {
  const name = storableText(type);
  if (name !== type) {
    throw new InvalidEventDataError(name, `Event type ${JSON.stringify(name)} holds ${findUnstorableText(type)?.problem}; ${WHY}`);
  }
  for (const [part, json] of [
    ['data', dataJson],
    ['metadata', metadataJson],
  ] as const) {
    if (!holdsRefusedEscape(json)) continue;
    const found = findUnstorableText(JSON.parse(json));
    const where = found ? `${part} at ${found.path} holds ${found.problem}` : `${part} holds text that cannot be stored`;
    throw new InvalidEventDataError(type, `Event ${JSON.stringify(type)}: ${where}; ${WHY}`);
  }
}
