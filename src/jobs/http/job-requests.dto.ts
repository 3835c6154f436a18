import {
  ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength,
} from 'class-validator';
import { PageLimitQueryDto } from '../../http/page-limit.dto';
import { MAX_DIRECTORIES_PER_JOB } from '../job.commands';
import { SUBMISSION_STATUSES } from '../../submissions/submission.events';
import type { JobStatus } from '../job.events';

const STATUSES: Readonly<Record<JobStatus, true>> = {
  pending: true, queued: true, in_progress: true, complete: true, failed: true, cancelled: true,
};
export const JOB_STATUSES = Object.keys(STATUSES) as JobStatus[];
const NOT_BLANK = /\S/;
export const MAX_REASON_LENGTH = 1000;

export class OverrideJobStatusDto {
  @IsIn(JOB_STATUSES)
  readonly status!: JobStatus;

  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  readonly reason!: string;
}

export class CancelJobDto {
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  readonly reason!: string;
}

export class RetryJobDto {
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  readonly reason!: string;

  /** Omitted: every failed or needs-manual submission of the job. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_DIRECTORIES_PER_JOB)
  @ArrayUnique({ message: 'directoryIds must not repeat a directory' })
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'each of directoryIds must be a non-blank string' })
  readonly directoryIds?: string[];
}

const STATUS_LIST = new RegExp(`^(${SUBMISSION_STATUSES.join('|')})(,(${SUBMISSION_STATUSES.join('|')}))*$`);

export class JobSubmissionsQueryDto {
  /** Comma-separated, e.g. `failed,needs_manual`. */
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `status must be a comma-separated list of ${SUBMISSION_STATUSES.join(', ')}` })
  readonly status?: string;
}

export class ListJobsQueryDto extends PageLimitQueryDto {}
