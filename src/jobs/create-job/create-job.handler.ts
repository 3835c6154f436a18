import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CustomerRepository } from '../../customers/customer.repository';
import { DirectoryCatalogRepository } from '../../directories/directory-catalog.repository';
import { decodeEvents } from '../../event-store/event-decoding';
import { WrongExpectedVersionError } from '../../event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { executeCommand } from '../../shared/command-executor';
import { DomainError, fold } from '../../shared/decider';
import { deterministicUuid } from '../../shared/deterministic-id';
import type { CreateJob } from '../job.commands';
import { jobDecider, type JobState } from '../job.decider';
import { JOB_EVENT_TYPES, jobStreamId, type JobEvent } from '../job.events';
import { appendMetadata } from '../../shared/command-context';
import { CreateJobCommand, type CreateJobResult } from './create-job.command';

@CommandHandler(CreateJobCommand)
export class CreateJobHandler implements ICommandHandler<CreateJobCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(DirectoryCatalogRepository) private readonly catalog: DirectoryCatalogRepository,
  ) {}

  async execute(command: CreateJobCommand): Promise<CreateJobResult> {
    const { customerId, idempotencyKey } = command;
    const jobId = idempotencyKey === null ? randomUUID() : deterministicUuid('job', customerId, idempotencyKey);
    if (idempotencyKey !== null) {
      const existing = await this.existingJob(jobId);
      if (existing) return existing;
    }
    try {
      return await this.create(jobId, command);
    } catch (error) {
      // A concurrent retry with the same key created it between our read and our append.
      const existing = idempotencyKey !== null && lostCreateRace(error) ? await this.existingJob(jobId) : null;
      if (existing) return existing;
      throw error;
    }
  }

  private async create(jobId: string, { customerId, idempotencyKey, context, force }: CreateJobCommand): Promise<CreateJobResult> {
    const customer = await this.customers.findById(customerId);
    if (!customer) throw new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
    const directoryIds = await this.catalog.pickForPackage(customer.packageSize);
    const createJob: CreateJob = {
      type: 'CreateJob',
      data: { jobId, customerId, packageTier: customer.packageTier, directoryIds, business: customer.business, force },
    };
    // With a key, event ids derive from the job: a racing retry's append is a no-op or a version conflict, never a copy.
    const eventIds = idempotencyKey === null ? undefined : [deterministicUuid(jobId, 'JobCreated'), deterministicUuid(jobId, 'JobQueued')];
    // The id is a fresh UUID, or one whose stream execute() has just read empty: no need to read it (again).
    const result = await executeCommand(this.store, jobStreamId(jobId), jobDecider, createJob, {
      metadata: appendMetadata(context),
      eventIds,
      newStream: true,
    });
    // A no-op append means a concurrent request with this key stored these very events first: it created the job, not us.
    if (!result.appended) throw new DomainError('ALREADY_EXISTS', `Job ${jobId} was created by a concurrent request`);
    return toResult(result.state, result.version, true);
  }

  private async existingJob(jobId: string): Promise<CreateJobResult | null> {
    const { events, version } = await this.store.readStream(jobStreamId(jobId));
    if (events.length === 0) return null;
    return toResult(fold(jobDecider, decodeEvents<JobEvent>(JOB_EVENT_TYPES, events)), version, false);
  }
}

function lostCreateRace(error: unknown): boolean {
  return error instanceof WrongExpectedVersionError || (error instanceof DomainError && error.code === 'ALREADY_EXISTS');
}

function toResult(state: JobState, version: number, created: boolean): CreateJobResult {
  return {
    jobId: state.jobId,
    status: state.status,
    priority: state.priority,
    directoryCount: state.directoryIds.length,
    version,
    created,
  };
}
