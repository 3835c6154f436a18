import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DIRECTORY_ID, DIRECTORY_ID_MESSAGE } from '../directories/directory-entries.validation';
import { PageLimitQueryDto } from '../http/page-limit.dto';
import { PlainText } from '../http/plain-text.decorator';

const NOT_BLANK = /\S/;

export class ListTestSubmissionsQueryDto extends PageLimitQueryDto {
  @IsOptional()
  @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE)
  readonly directoryId?: string;
}

/** A BusinessSnapshot; what is left out is sent empty (country: US). Text fields lose any markup. */
export class TestBusinessDto {
  @PlainText()
  @IsString()
  @Matches(NOT_BLANK, { message: 'business.businessName must not be blank' })
  @MaxLength(200)
  readonly businessName!: string;

  @IsEmail({}, { message: 'business.email must be an email address' })
  @MaxLength(254)
  readonly email!: string;

  @IsOptional() @PlainText() @IsString() @MaxLength(50) readonly phone?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(2000) readonly website?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(300) readonly address?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(100) readonly city?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(100) readonly state?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(20) readonly zip?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(60) readonly country?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(100) readonly category?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(5000) readonly description?: string;
  @IsOptional() @PlainText() @IsString() @MaxLength(200) readonly contactName?: string;
}

export class CreateTestSubmissionDto {
  @IsString()
  @Matches(DIRECTORY_ID, DIRECTORY_ID_MESSAGE)
  readonly directoryId!: string;

  /** Absent: a built-in sample business. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TestBusinessDto)
  readonly business?: TestBusinessDto;

  /** Default true. false really submits the listing to the directory. */
  @IsOptional()
  @IsBoolean()
  readonly dryRun?: boolean;
}
