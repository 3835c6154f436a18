import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { parseAsOf } from '../audit/as-of';
import { jobStateAt } from '../audit/job-state-at';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { formatJobStateAt } from './audit-format';

interface StateOptions {
  readonly atPosition?: string;
  readonly atTime?: string;
  readonly json?: boolean;
}

@SubCommand({ name: 'state', arguments: '<jobId>', description: 'the job and its submissions as they stood at a global position or a time' })
export class AuditStateCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  @Option({ flags: '--at-position <n>', description: 'global position in the event log (see audit timeline)' })
  parseAtPosition(value: string): string {
    return value;
  }

  @Option({ flags: '--at-time <iso>', description: 'ISO-8601 time, compared with each event\'s metadata timestamp' })
  parseAtTime(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run([jobId]: string[], options: StateOptions = {}): Promise<void> {
    const parsed = parseAsOf(options.atPosition, options.atTime, { position: '--at-position', at: '--at-time' });
    if (!parsed.ok) throw new Error(parsed.problem);
    const state = await jobStateAt(this.store, jobId.toLowerCase(), parsed.asOf);
    console.log(options.json ? JSON.stringify(state, null, 2) : formatJobStateAt(state));
  }
}
