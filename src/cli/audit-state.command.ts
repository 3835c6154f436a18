import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { parseAsOf } from '../audit/as-of';
import { jobStateAt } from '../audit/job-state-at';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { formatJobStateAt } from './audit-format';
import { ReportCommand, type ReportOptions } from './command-runners';

interface StateOptions extends ReportOptions {
  readonly atPosition?: string;
  readonly atTime?: string;
}

@SubCommand({
  name: 'state',
  arguments: '<jobId>',
  description: 'the job and its submissions as they stood at a global position or a time',
})
export class AuditStateCommand extends ReportCommand {
  @Inject(EVENT_STORE) private readonly store!: EventStore;

  @Option({ flags: '--at-position <n>', description: 'global position in the event log (see audit timeline)' })
  parseAtPosition(value: string): string {
    return value;
  }

  @Option({ flags: '--at-time <iso>', description: "ISO-8601 time, compared with each event's metadata timestamp" })
  parseAtTime(value: string): string {
    return value;
  }

  async run([jobId]: string[], options: StateOptions = {}): Promise<void> {
    const parsed = parseAsOf(options.atPosition, options.atTime, { position: '--at-position', at: '--at-time' });
    if (!parsed.ok) throw new Error(parsed.problem);
    this.print(await jobStateAt(this.store, jobId.toLowerCase(), parsed.asOf), options, formatJobStateAt);
  }
}
