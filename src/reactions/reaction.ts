import type { RecordedEvent } from '../event-store/event-store.port';

/**
 * Something that happens because of events (appending to other streams, updating its own
 * bookkeeping). Delivery is at-least-once: `react` must be idempotent, which deterministic
 * event ids (src/shared/deterministic-id.ts) make easy.
 */
export interface Reaction {
  /** Also the subscription id its checkpoint is stored under. */
  readonly name: string;
  readonly handles: readonly string[];
  /** Handles one page; the checkpoint is stored only after it resolves. */
  react(events: readonly RecordedEvent[]): Promise<void>;
}
