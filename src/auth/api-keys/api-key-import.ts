import { importedKeyProblem } from './api-key-secret';
import type { ApiKeyView } from './api-key-view';

export interface ApiKeyImportReport {
  readonly imported: readonly ApiKeyView[];
  /** Keys whose hash was already stored: a re-run imports nothing twice. */
  readonly alreadyPresent: number;
}

export class InvalidImportedKeysError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`nothing imported: ${problems.join('; ')}`);
    this.name = 'InvalidImportedKeysError';
  }
}

/**
 * Keys from before keys lived in the database (the retired AUTOBOLT_API_KEYS), one per line or
 * comma-separated as that setting had them. Each is stored as a hash, never as given.
 */
export function parseImportedKeys(text: string): string[] {
  const keys = [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    ),
  ];
  const problems = keys.flatMap((key, index) => {
    const problem = importedKeyProblem(key);
    return problem === null ? [] : [`key ${index + 1} ${problem}`];
  });
  if (problems.length > 0) throw new InvalidImportedKeysError(problems);
  if (keys.length === 0) throw new InvalidImportedKeysError(['no keys in the input']);
  return keys;
}
