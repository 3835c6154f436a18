import type { Actor } from '../event-store/event-store.port';
import type { ExecuteOptions } from './command-executor';

/** Who asks, under which correlation, and when: becomes the metadata of every event appended. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** ISO-8601; taken once per request so the deciders stay pure. */
  readonly timestamp: string;
}

export function appendMetadata(context: CommandContext): ExecuteOptions['metadata'] {
  const { actor, correlationId, causationId, timestamp } = context;
  return { actor, correlationId, causationId, timestamp };
}
