import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageLimitQueryDto } from '../http/page-limit.dto';
import { PlainText } from '../http/plain-text.decorator';
import { RUN_REQUEST_STATUSES, type RunRequestStatus } from './run-request';

const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CUSTOMER_ID_MESSAGE = { message: 'customerId must be 1 to 64 letters, digits, "_" or "-"' };
export const MAX_JOBS_PER_PAGE = 20;

/** Each job carries all its results (up to 500), so a page holds at most 20 jobs. */
export class SubmissionsQueryDto {
  @IsOptional() @Matches(CUSTOMER_ID, CUSTOMER_ID_MESSAGE) readonly customerId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_JOBS_PER_PAGE) readonly limit?: number;
  /** The last job id of the previous page. */
  @IsOptional() @IsUUID('all', { message: 'after must be a job id (UUID)' }) readonly after?: string;
}

export class RunRequestsQueryDto extends PageLimitQueryDto {
  @IsOptional() @Matches(CUSTOMER_ID, CUSTOMER_ID_MESSAGE) readonly customerId?: string;
  @IsOptional() @IsIn(RUN_REQUEST_STATUSES) readonly status?: RunRequestStatus;
  @IsOptional() @IsUUID('all', { message: 'after must be a run request id (UUID)' }) readonly after?: string;
}

export class RejectRunRequestDto {
  @PlainText() @IsString() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(500) readonly reason!: string;
}
