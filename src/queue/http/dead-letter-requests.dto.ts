import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageLimitQueryDto } from '../../http/page-limit.dto';

export class ListDeadLettersQueryDto extends PageLimitQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly after?: string;
}

/** Either `{ "ids": [...] }` (one by one) or `{ "all": true }` (bulk). */
export class RedriveDeadLettersDto {
  @ValidateIf((body: RedriveDeadLettersDto) => body.all === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  readonly ids?: string[];

  @ValidateIf((body: RedriveDeadLettersDto) => body.ids === undefined)
  @Equals(true, { message: 'all must be true (or send ids instead)' })
  readonly all?: true;
}
