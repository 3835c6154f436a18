import { IsString, Matches, MaxLength } from 'class-validator';
import { MAX_REASON_LENGTH, NOT_BLANK } from '../staff-reason';

export class CancelJobDto {
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  readonly reason!: string;
}
