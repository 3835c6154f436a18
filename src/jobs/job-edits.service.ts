import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import type { JobCommandResult } from './run-job-command';
import { withEtag } from './view-job/job-view-etag';
import { JobViewQuery, type JobView } from './view-job/job-view.query';

/** What every staff edit of a job answers: the job as the command left it, its version as the ETag. */
@Injectable()
export class JobEdits {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(JobViewQuery) private readonly jobView: JobViewQuery,
  ) {}

  async run<R extends JobCommandResult>(command: Command<R>, response: ServerResponse): Promise<{ view: JobView; result: R }> {
    const result = await this.commands.execute(command);
    return { view: withEtag(response, await this.jobView.get(result.jobId, result.version)), result };
  }
}
