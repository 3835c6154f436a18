import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageLimitQueryDto } from '../../http/page-limit.dto';
import { PlainText } from '../../http/plain-text.decorator';
import type { PackageTier } from '../../jobs/job.events';
import { MAX_PACKAGE_DIRECTORIES } from '../customer.events';

const NOT_BLANK = /\S/;
const TIERS: readonly PackageTier[] = ['enterprise', 'pro', 'growth', 'starter'];

/** Free text typed into directory forms: markup stripped first, then bounded. */
const Text = (max: number): PropertyDecorator => applyDecorators(IsOptional(), PlainText(), IsString(), MaxLength(max));
const Required = (field: string, max: number): PropertyDecorator =>
  applyDecorators(PlainText(), IsString(), Matches(NOT_BLANK, { message: `${field} must not be blank` }), MaxLength(max));
/** An http(s) address, or '' to clear it. */
const WebAddress = (field: string): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_: object, value: unknown) => value !== ''),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: `${field} must be an http(s) URL` }),
    MaxLength(2000),
  );
const Email = (): PropertyDecorator => applyDecorators(IsEmail({}, { message: 'email must be an email address' }), MaxLength(254));

/** The listing's fields that may be empty. */
class ProfileFieldsDto {
  @Text(200) readonly contactName?: string;
  @Text(50) readonly phone?: string;
  @WebAddress('website') readonly website?: string;
  @Text(300) readonly address?: string;
  @Text(300) readonly address2?: string;
  @Text(100) readonly city?: string;
  @Text(100) readonly state?: string;
  @Text(20) readonly zip?: string;
  @Text(60) readonly country?: string;
  @Text(100) readonly category?: string;
  @Text(5000) readonly description?: string;
  @WebAddress('logoUrl') readonly logoUrl?: string;
}

/** An edit of the listing: the fields given replace the stored ones, the others stay. */
export class ProfileChangesDto extends ProfileFieldsDto {
  @IsOptional() @Required('businessName', 200) readonly businessName?: string;
  @IsOptional() @Email() readonly email?: string;
}

/** A new customer's listing: a name and an email at least. */
export class NewProfileDto extends ProfileFieldsDto {
  @Required('businessName', 200) readonly businessName!: string;
  @Email() readonly email!: string;
}

export class PackageDto {
  @IsInt() @Min(1) @Max(MAX_PACKAGE_DIRECTORIES) readonly directoryCount!: number;
  @IsIn(TIERS, { message: `tier must be one of ${TIERS.join(', ')}` }) readonly tier!: PackageTier;
}

export class RegisterCustomerDto {
  @IsObject({ message: 'profile must be an object' }) @ValidateNested() @Type(() => NewProfileDto) readonly profile!: NewProfileDto;
  @IsObject({ message: 'package must be an object' }) @ValidateNested() @Type(() => PackageDto) readonly package!: PackageDto;
}

export class ListCustomersQueryDto extends PageLimitQueryDto {
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'after must be a customer id' }) readonly after?: string;
}

export class DeleteOwnDataQueryDto {
  /** `?erase=true`: also erase the personal fields, for good. */
  @IsOptional() @IsIn(['true', 'false'], { message: 'erase must be true or false' }) readonly erase?: 'true' | 'false';
}
