import type { Pool } from 'pg';
import type { Projection } from '../../projections/runtime/projection';
import { ProjectionHost, type ProjectionStatus } from '../../projections/runtime/projection-host';
import { readState, requestRebuild } from '../../projections/runtime/projection-registry';
import type { ProjectorOptions } from '../../projections/runtime/projection-leader';
import type { EventStore } from '../event-store/event-store.port';
import { DomainError } from '../shared/decider';
import { findLeaseHolder, type LeaseHolder } from '../processing/lease-holder';

export interface RebuildWaitHooks {
  /** Events of the next generation so far; called on every poll. */
  readonly onProgress?: (eventsRebuilt: number) => void;
  /** Another process holds the projection's lease: it runs the rebuild and this one waits. */
  readonly onWaiting?: (holder: LeaseHolder | null) => void;
  readonly onError?: (error: unknown) => void;
  readonly pollMs?: number;
}

export interface RebuildOutcome {
  readonly projection: string;
  readonly generation: number;
  readonly eventsApplied: number;
  /** True when this process ran the rebuild; false when another process (holding the lease) did. */
  readonly ranHere: boolean;
}

/**
 * Requests a rebuild and runs the projection in this process until the swap: if no projector
 * holds the lease, this process takes it and rebuilds; otherwise the holder rebuilds and this
 * waits for it. Done once a generation newer than the current one is live and no request is left.
 */
export async function rebuildAndWait(
  pool: Pool,
  store: EventStore,
  projection: Projection,
  options: Omit<ProjectorOptions, 'onError'>,
  hooks: RebuildWaitHooks = {},
): Promise<RebuildOutcome> {
  const before = await readState(pool, projection.name);
  if (!before) throw new DomainError('NOT_FOUND', `Projection ${projection.name} is not installed`);
  await requestRebuild(pool, projection.name);
  // A projector holding the lease rebuilds it, perhaps before this process's runner has even gone
  // to standby: name it now, from the lease, rather than only if a later look catches that state.
  const holder = await findLeaseHolder(pool, `projection:${projection.name}`);
  if (holder) hooks.onWaiting?.(holder);
  const host = new ProjectionHost(pool, store, [projection], { ...options, onError: (_, error) => hooks.onError?.(error) });
  host.start();
  try {
    return await waitForSwap(pool, host, before.liveGeneration, hooks, holder !== null);
  } finally {
    await host.stop();
  }
}

async function waitForSwap(
  pool: Pool,
  host: ProjectionHost,
  generationBefore: number,
  hooks: RebuildWaitHooks,
  reportedAlready: boolean,
): Promise<RebuildOutcome> {
  let ranHere = false;
  let reportedWaiting = reportedAlready;
  for (;;) {
    const [status] = await host.status();
    // Our runner led at some point (its state is only 'live' or 'rebuilding' while it holds the lease).
    if (status.state === 'rebuilding' || status.state === 'live') ranHere = true;
    if (isDone(status, generationBefore)) {
      return { projection: status.name, generation: status.liveGeneration, eventsApplied: status.eventsApplied, ranHere };
    }
    if (status.state === 'standby' && !reportedWaiting) {
      reportedWaiting = true;
      hooks.onWaiting?.(await findLeaseHolder(pool, `projection:${status.name}`));
    }
    hooks.onProgress?.(status.rebuild?.eventsApplied ?? 0);
    await new Promise((resolve) => setTimeout(resolve, hooks.pollMs ?? 200));
  }
}

/** A newer generation is live and no request is pending (one made before ours may have swapped first). */
function isDone(status: ProjectionStatus, generationBefore: number): boolean {
  return status.liveGeneration > generationBefore && status.rebuild === null && status.rebuildRequestedAt === null;
}
