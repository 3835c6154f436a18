import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const API_KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
export const API_KEY_NAME_RULE = 'name must be 1 to 64 letters, digits, spaces or . _ - starting with a letter or digit';

/** `{ name, scopes, expiresAt? }`; unknown scopes are refused by the service, naming them. */
export class CreateApiKeyDto {
  @IsString()
  @Matches(API_KEY_NAME, { message: API_KEY_NAME_RULE })
  readonly name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly scopes!: string[];

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  readonly expiresAt?: string;
}

/** Optional body of a rotation: the successor's expiry (default: as long a life as its predecessor had). */
export class RotateApiKeyDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  readonly expiresAt?: string;
}
