import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageLimitQueryDto } from '../../http/page-limit.dto';
import { PlainText } from '../../http/plain-text.decorator';
import { DIRECTORY_ID, DIRECTORY_ID_MESSAGE, type Difficulty } from '../directory-entries.validation';

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const NOT_BLANK = /\S/;
/** Sandbox and test sites are bare IPs or `.test` names: the URL fence, not a TLD rule, decides what may be fetched. */
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const URL_MESSAGE = { message: '$property must be an http:// or https:// URL' };

/** `?flag=true|false` as a boolean; anything else is left for IsBoolean to refuse. */
function QueryFlag(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
}

export class CatalogListQueryDto extends PageLimitQueryDto {
  @IsOptional() @IsString() @MaxLength(100) readonly category?: string;
  @IsOptional() @IsIn(DIFFICULTIES) readonly difficulty?: Difficulty;
  @IsOptional() @QueryFlag() @IsBoolean() readonly requiresLogin?: boolean;
  @IsOptional() @QueryFlag() @IsBoolean() readonly hasCaptcha?: boolean;
  @IsOptional() @QueryFlag() @IsBoolean() readonly active?: boolean;
  @IsOptional() @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE) readonly after?: string;
}

/** The fields optional on create and on edit. */
class DirectoryAttributesDto {
  /** null clears it. */
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(0)
  @Max(100)
  readonly domainAuthority?: number | null;

  @IsOptional()
  @PlainText()
  @IsString()
  @Matches(NOT_BLANK, { message: 'category must not be blank' })
  @MaxLength(100)
  readonly category?: string;

  @IsOptional() @IsIn(DIFFICULTIES) readonly difficulty?: Difficulty;
  @IsOptional() @IsBoolean() readonly requiresLogin?: boolean;
  @IsOptional() @IsBoolean() readonly hasCaptcha?: boolean;
  @IsOptional() @IsBoolean() readonly active?: boolean;
}

export class CreateDirectoryDto extends DirectoryAttributesDto {
  @IsString() @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE) readonly id!: string;
  @PlainText() @IsString() @Matches(NOT_BLANK, { message: 'name must not be blank' }) @MaxLength(200) readonly name!: string;
  @IsString() @MaxLength(2000) @IsUrl(HTTP_URL, URL_MESSAGE) readonly url!: string;
  @IsString() @MaxLength(2000) @IsUrl(HTTP_URL, URL_MESSAGE) readonly submissionUrl!: string;
}

/** What a PATCH may change: every field but the id. */
export class UpdateDirectoryDto extends DirectoryAttributesDto {
  @IsOptional()
  @PlainText()
  @IsString()
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @MaxLength(200)
  readonly name?: string;

  @IsOptional() @IsString() @MaxLength(2000) @IsUrl(HTTP_URL, URL_MESSAGE) readonly url?: string;
  @IsOptional() @IsString() @MaxLength(2000) @IsUrl(HTTP_URL, URL_MESSAGE) readonly submissionUrl?: string;
}
