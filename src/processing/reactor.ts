import type { EventStore } from '../event-store/event-store.port';
import { pageLogContext, withLogContext } from '../observability/logging/log-context';
import type { Reaction } from './reaction';
import { CheckpointStore } from './checkpoint-store';
import { LeaderLoop, type Leadership } from './leader-loop';
import { loopProcessor, type ProcessingDeps, type Processor } from './processor';

export interface ReactorOptions {
  readonly batchSize: number;
  readonly standbyRetryMs: number;
  readonly onError: (reaction: string, error: unknown) => void;
}

/** How often a leading reactor looks at its lease and its subscription. */
const WATCH_MS = 1000;

/**
 * Runs one reaction as a checkpointed subscription, alone across processes (lease
 * `reaction:<name>`, checkpoint under the reaction's name). Effects first, checkpoint after: a
 * crash in between replays the page, which idempotent reactions turn into no-ops — exactly-once
 * effects from at-least-once delivery.
 */
export function reactor(deps: ProcessingDeps, reaction: Reaction, options: ReactorOptions): Processor {
  const lease = `reaction:${reaction.name}`;
  const checkpoints = new CheckpointStore(deps.pool);
  const loop = new LeaderLoop(
    deps.leases,
    {
      lease,
      lead: (leadership) => follow(deps.store, checkpoints, reaction, options.batchSize, leadership, lease),
      onFailure: (error) => options.onError(reaction.name, error),
    },
    options,
  );
  return loopProcessor(reaction.name, loop);
}

/** Until stopped, the lease is lost, or the reaction fails (then the loop backs off and retries). */
async function follow(
  store: EventStore,
  checkpoints: CheckpointStore,
  reaction: Reaction,
  batchSize: number,
  leadership: Leadership,
  lease: string,
): Promise<void> {
  // Boxed (even a falsy rejection counts); the cast keeps TypeScript from narrowing it to null, as it is set in a callback.
  let failure = null as { readonly error: unknown } | null;
  const subscription = store.subscribeToAll({
    from: await checkpoints.load(reaction.name),
    eventTypes: reaction.handles,
    batchSize,
    handleBatch: async (events, checkpoint) => {
      if (!leadership.held) throw new Error(`lease ${lease} lost`);
      // Lines written while reacting (and a failure's, logged later) carry the page's correlation.
      if (events.length > 0) await withLogContext({ reaction: reaction.name, ...pageLogContext(events) }, () => reaction.react(events));
      await checkpoints.save(reaction.name, checkpoint);
    },
    onError: (error) => {
      failure = { error };
      leadership.wake();
    },
  });
  while (leadership.active && failure === null) await leadership.sleep(WATCH_MS);
  await subscription.stop();
  if (failure !== null) throw failure.error;
}
