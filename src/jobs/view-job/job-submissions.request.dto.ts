import { IsOptional, IsString, Matches } from 'class-validator';
import { SUBMISSION_STATUSES } from '../../submissions/submission.events';

const STATUS_LIST = new RegExp(`^(${SUBMISSION_STATUSES.join('|')})(,(${SUBMISSION_STATUSES.join('|')}))*$`);

export class JobSubmissionsQueryDto {
  /** Comma-separated, e.g. `failed,needs_manual`. */
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `status must be a comma-separated list of ${SUBMISSION_STATUSES.join(', ')}` })
  readonly status?: string;
}
