import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryMappingsRepository } from '../directories/directory-mappings.repository';
import type { Actor } from '../event-store/event-store.port';
import type { BusinessSnapshot } from '../jobs/job.events';
import { SUBMITTER, type SubmissionOutcome, type Submitter } from '../workers/submitter.port';
import { directoryNotFound } from '../directories/directory-not-found';
import { submitterFailed } from './test-submission-errors';
import { evidenceFilePath, openableEvidence, type EvidenceImageType } from './evidence-file';
import { isSubmissionOutcome, toTestOutcome } from './test-outcome';
import { TestSubmissionsRepository, type TestSubmissionRecord } from './test-submissions.repository';

export interface TestSubmissionView extends TestSubmissionRecord {
  readonly screenshotUrl: string | null;
}

export interface TestSubmissionInput {
  readonly directoryId: string;
  readonly business: BusinessSnapshot;
  readonly dryRun: boolean;
  readonly actor: Actor;
}

/**
 * One submission to one directory, now, outside any job: to check a directory's form and mapping.
 * Not event-sourced and never retried; with dryRun false it really submits the listing.
 */
@Injectable()
export class TestSubmissions {
  private readonly logger = new Logger('TestSubmissions');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SUBMITTER) private readonly submitter: Submitter,
    @Inject(DirectoryMappingsRepository) private readonly directories: DirectoryMappingsRepository,
    @Inject(TestSubmissionsRepository) private readonly records: TestSubmissionsRepository,
  ) {}

  async run(input: TestSubmissionInput): Promise<TestSubmissionView> {
    const directory = await this.directories.target(input.directoryId);
    if (!directory) throw directoryNotFound(input.directoryId);
    const id = randomUUID();
    const outcome = await this.submit({
      jobId: `test-${id}`,
      directoryId: directory.id,
      attempt: 1,
      idempotencyKey: `test-${id}`,
      directory,
      business: input.business,
      dryRun: input.dryRun,
    });
    const record = await this.records.insert({
      id,
      directoryId: directory.id,
      dryRun: input.dryRun,
      outcome: toTestOutcome(outcome),
      actor: input.actor,
    });
    return this.view(record);
  }

  async get(id: string): Promise<TestSubmissionView> {
    const record = await this.records.get(id);
    if (!record) throw new NotFoundException({ error: 'test_submission_not_found', message: `No test submission ${id}` });
    return this.view(record);
  }

  async recent(limit: number, directoryId: string | null): Promise<TestSubmissionView[]> {
    return (await this.records.recent(limit, directoryId)).map((record) => this.view(record));
  }

  /** The screenshot to stream; 404 when there is none, the file is gone, or its path leads outside the evidence directory. */
  async screenshot(id: string): Promise<{ path: string; size: number; type: EvidenceImageType }> {
    const record = await this.get(id);
    const file = await openableEvidence(this.config.browser.evidenceDir, record.outcome.evidencePath);
    if (!file) throw new NotFoundException({ error: 'screenshot_not_found', message: `Test submission ${id} has no screenshot` });
    return file;
  }

  private async submit(request: Parameters<Submitter['submit']>[0]): Promise<SubmissionOutcome> {
    let outcome: unknown;
    try {
      outcome = await this.submitter.submit(request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.logger.warn(`test submission to ${request.directoryId} failed in the submitter: ${detail}`);
      throw submitterFailed(request.directoryId, detail.slice(0, 500));
    }
    if (!isSubmissionOutcome(outcome)) throw submitterFailed(request.directoryId, 'it returned no recognisable outcome');
    return outcome;
  }

  private view(record: TestSubmissionRecord): TestSubmissionView {
    const hasScreenshot = evidenceFilePath(this.config.browser.evidenceDir, record.outcome.evidencePath) !== null;
    return { ...record, screenshotUrl: hasScreenshot ? `/api/autobolt/test-submissions/${record.id}/screenshot` : null };
  }
}
