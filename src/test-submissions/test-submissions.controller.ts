import { Body, Get, Inject, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { StaffOrApiKeyController } from '../http/guarded-controller.decorator';
import { RequestCommandContext } from '../http/command-context.decorator';
import type { CommandContext } from '../shared/command-context';
import { CreateTestSubmissionDto, ListTestSubmissionsQueryDto } from './test-submission.request.dto';
import { toBusinessSnapshot } from './sample-business';
import { TestSubmissionIdPipe } from './test-submission-id.pipe';
import { TestSubmissions, type TestSubmissionView } from './test-submissions.service';

const DEFAULT_LIMIT = 20;

/** AutoBolt test submissions (docs/requirements.md R-API-6): one directory, synchronously, through the app's submitter. */
@StaffOrApiKeyController('autobolt/test-submissions', 'autobolt')
export class TestSubmissionsController {
  constructor(@Inject(TestSubmissions) private readonly testSubmissions: TestSubmissions) {}

  /** 201 with the outcome. dryRun defaults to true; dryRun: false really submits the listing. */
  @Post()
  create(@Body() body: CreateTestSubmissionDto, @RequestCommandContext() context: CommandContext): Promise<TestSubmissionView> {
    return this.testSubmissions.run({
      directoryId: body.directoryId,
      business: toBusinessSnapshot(body.business),
      dryRun: body.dryRun ?? true,
      actor: context.actor,
    });
  }

  @Get()
  async list(@Query() query: ListTestSubmissionsQueryDto): Promise<{ testSubmissions: TestSubmissionView[] }> {
    return { testSubmissions: await this.testSubmissions.recent(query.limit ?? DEFAULT_LIMIT, query.directoryId ?? null) };
  }

  @Get(':id')
  get(@Param('id', TestSubmissionIdPipe) id: string): Promise<TestSubmissionView> {
    return this.testSubmissions.get(id);
  }

  @Get(':id/screenshot')
  @ApiOkResponse({
    description: 'The screenshot (PNG or JPEG, per EVIDENCE_FORMAT when it was taken)',
    content: {
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async screenshot(@Param('id', TestSubmissionIdPipe) id: string): Promise<StreamableFile> {
    const file = await this.testSubmissions.screenshot(id);
    return new StreamableFile(createReadStream(file.path), {
      type: file.type,
      length: file.size,
      disposition: `inline; filename="test-submission-${id}.${file.type === 'image/jpeg' ? 'jpg' : 'png'}"`,
    });
  }
}
