import {
  BadRequestException,
  Body,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AllowCustomer } from '../auth/allow-customer.decorator';
import { Database } from '../database/database';
import { readAs } from '../database/customer-scope';
import type { ApiRequest } from '../http/api-request';
import { RequestCommandContext } from '../http/command-context.decorator';
import { StaffController } from '../http/guarded-controller.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { nextAfter } from '../http/keyset-page';
import type { CommandContext } from '../shared/command-context';
import { DomainError } from '../shared/decider';
import { RejectRunRequestDto, RunRequestsQueryDto } from './customer-submissions.request.dto';
import type { RunRequest } from './run-request';
import { RunRequestsRepository } from './run-requests.repository';
import { RunRequests, type RunOutcome } from './run-requests.service';
import { scopeOf } from './submissions-customer';

const DEFAULT_LIMIT = 50;
const RUN_REQUEST_ID = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ error: 'invalid_run_request_id', message: 'A run request id is a UUID' }),
});

/**
 * New runs of a customer's package: the customer asks (POST /api/submissions); with
 * SUBMISSION_RUN_APPROVAL=staff, staff list the requests and approve or reject them.
 */
@StaffController('submissions')
export class RunRequestsController {
  constructor(
    @Inject(RunRequests) private readonly runs: RunRequests,
    @Inject(RunRequestsRepository) private readonly requests: RunRequestsRepository,
    @Inject(Database) private readonly database: Database,
  ) {}

  /** 201 with the job (auto) or 202 with the request (staff); 200 when the Idempotency-Key was seen before. */
  @Post()
  @AllowCustomer()
  async request(
    @IdempotencyKey() idempotencyKey: string | null,
    @RequestCommandContext() context: CommandContext,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<RunOutcome> {
    const customerId = scopeOf(request);
    if (customerId === null) {
      throw new ForbiddenException({
        error: 'forbidden',
        message: 'A customer session requests runs; staff start jobs with POST /api/queue/:customerId',
      });
    }
    const outcome = await this.runs.request(customerId, idempotencyKey, context);
    response.statusCode = !outcome.created ? 200 : outcome.approval === 'auto' ? 201 : 202;
    response.setHeader(
      'Location',
      outcome.approval === 'auto' ? `/api/submissions/${outcome.job.jobId}` : `/api/submissions/run-requests/${outcome.runRequest.id}`,
    );
    return outcome;
  }

  /** Staff: every customer's (`?customerId=`, `?status=pending`); a customer: its own. Oldest first. */
  @Get('run-requests')
  @AllowCustomer()
  async list(@Query() query: RunRequestsQueryDto, @Req() request: ApiRequest): Promise<{ runRequests: RunRequest[]; next: string | null }> {
    const scope = scopeOf(request);
    if (scope !== null && query.customerId !== undefined && query.customerId !== scope) {
      throw new DomainError('NOT_FOUND', `Customer ${query.customerId} does not exist`);
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filter = { customerId: scope ?? query.customerId ?? null, status: query.status ?? null };
    const runRequests = await readAs(this.database.pool, scope, (reader) => this.requests.list(reader, filter, limit, query.after ?? null));
    return { runRequests, next: nextAfter(runRequests, limit, (item) => item.id) };
  }

  @Get('run-requests/:id')
  @AllowCustomer()
  async one(@Param('id', RUN_REQUEST_ID) id: string, @Req() request: ApiRequest): Promise<RunRequest> {
    const scope = scopeOf(request);
    const found = await readAs(this.database.pool, scope, (reader) => this.requests.findById(id, reader));
    if (!found || (scope !== null && found.customerId !== scope)) throw new DomainError('NOT_FOUND', `Run request ${id} does not exist`);
    return found;
  }

  @Post('run-requests/:id/approve')
  @HttpCode(200)
  approve(@Param('id', RUN_REQUEST_ID) id: string, @RequestCommandContext() context: CommandContext): Promise<RunRequest> {
    return this.runs.approve(id, context);
  }

  @Post('run-requests/:id/reject')
  @HttpCode(200)
  reject(
    @Param('id', RUN_REQUEST_ID) id: string,
    @Body() body: RejectRunRequestDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<RunRequest> {
    return this.runs.reject(id, body.reason, context);
  }
}
