import { Inject } from '@nestjs/common';
import { SubCommand } from 'nest-commander';
import { jobTimeline } from '../audit/job-timeline';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { formatTimeline } from './audit-format';
import { ReportCommand, type ReportOptions } from './command-runners';

@SubCommand({
  name: 'timeline',
  arguments: '<jobId>',
  description: 'everything that happened to a job and its submissions, in global order',
})
export class AuditTimelineCommand extends ReportCommand {
  @Inject(EVENT_STORE) private readonly store!: EventStore;

  async run([jobId]: string[], options: ReportOptions = {}): Promise<void> {
    this.print(await jobTimeline(this.store, jobId.toLowerCase()), options, (entries) => formatTimeline(jobId, entries));
  }
}
