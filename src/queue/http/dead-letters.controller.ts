import { BadRequestException, Body, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import type { CommandContext } from '../../shared/command-context';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { nextAfter } from '../../http/keyset-page';
import { DeadLetters, type DeadLetterView, type RedriveReport } from '../dead-letters.service';
import { ListDeadLettersQueryDto, RedriveDeadLettersDto } from './dead-letter-requests.dto';

/** The dead-letter queue (docs/requirements.md R-API-12): staff list, admins redrive. */
@StaffController('admin/dlq')
export class DeadLettersController {
  constructor(@Inject(DeadLetters) private readonly deadLetters: DeadLetters) {}

  @Get()
  async list(@Query() query: ListDeadLettersQueryDto): Promise<{ deadLetters: DeadLetterView[]; next: string | null }> {
    const limit = query.limit ?? 50;
    const deadLetters = await this.deadLetters.list(limit, query.after);
    return { deadLetters, next: nextAfter(deadLetters, limit, (deadLetter) => deadLetter.id) };
  }

  /** Each redrive is a SubmissionRedriven event (who, when): it clears the dead letter, and the dispatcher re-sends. */
  @Post('redrive')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  redrive(@Body() body: RedriveDeadLettersDto, @RequestCommandContext() context: CommandContext): Promise<RedriveReport> {
    if (body.ids !== undefined && body.all !== undefined) {
      throw new BadRequestException({ error: 'bad_request', message: 'Send either ids or all, not both' });
    }
    return this.deadLetters.redrive(body.ids ? { ids: body.ids } : { all: true }, context.actor);
  }
}
