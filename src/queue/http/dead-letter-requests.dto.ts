import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class ListDeadLettersQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;

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
