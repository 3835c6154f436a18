import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_DIRECTORIES_PER_JOB } from '../job.commands';
import { MAX_REASON_LENGTH, NOT_BLANK } from '../staff-reason';

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
