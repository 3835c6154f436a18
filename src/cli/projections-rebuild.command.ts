import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import type { Projection } from '../../projections/runtime/projection';
import { describeLeaseHolder } from '../processing/lease-holder';
import { ProjectionOperations } from '../read-models/projection-operations.service';
import { lazyProgressBar } from './progress-bar';

@SubCommand({
  name: 'rebuild',
  arguments: '<name>',
  argsDescription: { name: 'a projection, or "all"' },
  description: 'rebuild blue/green: request it from the projector, or with --wait run it here with a progress bar until the swap',
})
export class ProjectionsRebuildCommand extends CommandRunner {
  @Inject(ProjectionOperations) private readonly projections!: ProjectionOperations;

  @Option({ flags: '--wait', description: 'run the rebuild in this process (or wait for the projector holding it) until the swap' })
  parseWait(): boolean {
    return true;
  }

  async run([name]: string[], options: { wait?: boolean } = {}): Promise<void> {
    for (const projection of this.projections.select(name)) {
      if (options.wait) await this.rebuildHere(projection);
      else {
        await this.projections.requestRebuild(projection);
        console.log(`${projection.name}: rebuild requested; the projector process runs it (follow with: projections status)`);
      }
    }
  }

  private async rebuildHere(projection: Projection): Promise<void> {
    const total = await this.projections.logSize(projection);
    const bar = lazyProgressBar(`${projection.name} rebuild`, total);
    const outcome = await this.projections
      .rebuildHere(projection, {
        onWaiting: (holder) =>
          console.log(
            `${projection.name}: not run here: ${describeLeaseHolder(holder)} runs this projection; it rebuilds, this waits for its swap`,
          ),
        onProgress: (events) => bar.update(events),
        onError: (error) => console.error(`${projection.name}: ${(error as Error).message}`),
      })
      .finally(() => bar.stop());
    const where = outcome.ranHere ? 'here' : 'by the process holding it';
    console.log(
      `${projection.name}: rebuilt ${where}; generation g${outcome.generation} is live (${outcome.eventsApplied} events applied)`,
    );
  }
}
