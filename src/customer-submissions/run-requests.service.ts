import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig, type RunApproval } from '../config/app-config';
import { Database } from '../database/database';
import { CreateJobCommand, type CreateJobResult } from '../jobs/create-job/create-job.command';
import type { CommandContext } from '../shared/command-context';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/decider';
import { implicitKey, keyedJobId, refuseWhileRunning } from './active-run';
import type { RunRequest } from './run-request';
import { RunRequestsRepository } from './run-requests.repository';

/** auto: the job itself; staff: the request waiting for a decision. `created` false: a replay of an earlier answer. */
export type RunOutcome =
  | { readonly approval: 'auto'; readonly job: CreateJobResult; readonly created: boolean }
  | { readonly approval: 'staff'; readonly runRequest: RunRequest; readonly created: boolean };

/** A customer asks for a new run of its package; by SUBMISSION_RUN_APPROVAL it starts at once or waits for staff. */
@Injectable()
export class RunRequests {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(RunRequestsRepository) private readonly requests: RunRequestsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get approval(): RunApproval {
    return this.config.customerApi.runApproval;
  }

  async request(customerId: string, idempotencyKey: string | null, context: CommandContext): Promise<RunOutcome> {
    if (this.approval === 'auto') {
      const job = await this.startRun(customerId, idempotencyKey ?? (await implicitKey(this.database.pool, customerId)), context);
      return { approval: 'auto', job, created: job.created };
    }
    const earlier = idempotencyKey === null ? null : await this.requests.findByKey(customerId, idempotencyKey);
    if (earlier) return { approval: 'staff', runRequest: earlier, created: false };
    await refuseWhileRunning(this.database.pool, customerId, null);
    const runRequest = await this.requests.insert({
      id: randomUUID(),
      customerId,
      idempotencyKey,
      requestedBy: context.actor,
      requestedAt: this.clock.now(),
    });
    if (runRequest) return { approval: 'staff', runRequest, created: true };
    // A unique index refused it: a concurrent retry with this key got there first, or a request is already open.
    const raced = idempotencyKey === null ? null : await this.requests.findByKey(customerId, idempotencyKey);
    if (raced) return { approval: 'staff', runRequest: raced, created: false };
    throw pendingConflict(await this.requests.findPending(customerId));
  }

  /** Creates the job (actor: the approving staff member); approving an approved request again answers it as it is. */
  async approve(id: string, context: CommandContext): Promise<RunRequest> {
    const request = await this.decidable(id, 'approved');
    if (request.status === 'approved') return request;
    // The key ties the job to the request: an approval retried after a crash finds the same job.
    const job = await this.startRun(request.customerId, `run-request:${id}`, context);
    const approved = await this.requests.approve(id, job.jobId, context.actor, this.clock.now());
    if (approved) return approved;
    // Decided meanwhile: approved by someone else (the same job, by its key) is that answer; rejected is 409.
    return this.decidable(id, 'approved');
  }

  /** Rejecting a rejected request again answers it as it is (its first reason stays). */
  async reject(id: string, reason: string, context: CommandContext): Promise<RunRequest> {
    const request = await this.decidable(id, 'rejected');
    if (request.status === 'rejected') return request;
    const rejected = await this.requests.reject(id, reason, context.actor, this.clock.now());
    return rejected ?? this.decidable(id, 'rejected');
  }

  private async startRun(customerId: string, idempotencyKey: string | null, context: CommandContext): Promise<CreateJobResult> {
    await refuseWhileRunning(this.database.pool, customerId, idempotencyKey === null ? null : keyedJobId(customerId, idempotencyKey));
    return this.commands.execute(new CreateJobCommand(customerId, idempotencyKey, context));
  }

  /** The request, if it is pending or already has the decision asked for; 404 unknown, 409 decided otherwise. */
  private async decidable(id: string, decision: 'approved' | 'rejected'): Promise<RunRequest> {
    const request = await this.requests.findById(id);
    if (!request) throw new DomainError('NOT_FOUND', `Run request ${id} does not exist`);
    if (request.status === 'pending' || request.status === decision) return request;
    throw decidedConflict(request);
  }
}

function pendingConflict(pending: RunRequest | null): ConflictException {
  return new ConflictException({
    error: 'run_request_pending',
    message: pending
      ? `Run request ${pending.id} is still waiting for staff approval`
      : 'A run request is already waiting for staff approval',
    runRequestId: pending?.id ?? null,
  });
}

function decidedConflict(request: RunRequest): ConflictException {
  return new ConflictException({
    error: 'run_request_decided',
    message: `Run request ${request.id} was already ${request.status}`,
    status: request.status,
  });
}
