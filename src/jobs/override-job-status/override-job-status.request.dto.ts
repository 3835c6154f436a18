import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import type { JobStatus } from '../job.events';
import { MAX_REASON_LENGTH, NOT_BLANK } from '../staff-reason';

const STATUSES: Readonly<Record<JobStatus, true>> = {
  pending: true,
  queued: true,
  in_progress: true,
  complete: true,
  failed: true,
  cancelled: true,
};
export const JOB_STATUSES = Object.keys(STATUSES) as JobStatus[];

export class OverrideJobStatusDto {
  @IsIn(JOB_STATUSES)
  readonly status!: JobStatus;

  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  readonly reason!: string;
}
