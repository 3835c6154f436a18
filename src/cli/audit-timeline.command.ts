import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { jobTimeline } from '../audit/job-timeline';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { formatTimeline } from './audit-format';

@SubCommand({ name: 'timeline', arguments: '<jobId>', description: "everything that happened to a job and its submissions, in global order" })
export class AuditTimelineCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  parseJson(): boolean {
    return true;
  }

  async run([jobId]: string[], options: { json?: boolean } = {}): Promise<void> {
    const entries = await jobTimeline(this.store, jobId.toLowerCase());
    console.log(options.json ? JSON.stringify(entries, null, 2) : formatTimeline(jobId, entries));
  }
}
