import { IsBoolean, IsOptional } from 'class-validator';

/** The body of POST /api/queue/:customerId; an empty body is an ordinary job. */
export class CreateJobDto {
  /**
   * Submit even to directories where an earlier job's submission of the same listing was accepted
   * inside the idempotency window. Staff only: the route admits no customer session.
   */
  @IsOptional()
  @IsBoolean()
  readonly force?: boolean;
}
