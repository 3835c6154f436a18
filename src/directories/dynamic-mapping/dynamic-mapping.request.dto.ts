import { IsOptional, Matches } from 'class-validator';
import { PageLimitQueryDto } from '../../http/page-limit.dto';
import { DIRECTORY_ID, DIRECTORY_ID_MESSAGE } from '../directory-entries.validation';

export class DynamicMappingQueryDto extends PageLimitQueryDto {
  /** One directory's mappings; without it, a page of all directories. */
  @IsOptional()
  @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE)
  readonly directoryId?: string;

  @IsOptional()
  @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE)
  readonly after?: string;
}
