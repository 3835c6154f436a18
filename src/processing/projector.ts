import type { Projection } from '../../projections/runtime/projection';
import { ProjectionLeader, type ProjectorOptions, type RunnerState } from '../../projections/runtime/projection-leader';
import { LeaderLoop } from './leader-loop';
import { loopProcessor, type ProcessingDeps, type Processor } from './processor';

export interface ProjectorProcessor extends Processor {
  /** Live or rebuilding only while it holds the projection's lease. */
  readonly state: RunnerState;
}

/** Runs one projection alone across processes (lease `projection:<name>`); its checkpoint moves with its rows. */
export function projector(deps: ProcessingDeps, projection: Projection, options: ProjectorOptions): ProjectorProcessor {
  const leader = new ProjectionLeader(deps.pool, deps.store, projection, options);
  const loop = new LeaderLoop(deps.leases, leader, options);
  const processor = loopProcessor(projection.name, loop);
  return {
    ...processor,
    get state() {
      return leader.state;
    },
    stop: async () => {
      await processor.stop();
      leader.state = 'stopped';
    },
  };
}
