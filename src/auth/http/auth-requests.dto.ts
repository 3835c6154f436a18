import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../passwords/password-hashing';
import { STAFF_ROLES, type StaffRole } from '../principal';

/** The body of POST /api/auth/login and POST /api/customer/auth. */
export class SignInDto {
  // Spaces around a pasted address are a slip, not a different account.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  readonly email!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  readonly password!: string;
}

/** Strength (length, not the email) is checked by the accounts service, for the CLI too. */
export class CreateStaffAccountDto extends SignInDto {
  @IsOptional()
  @IsString()
  @MaxLength(120)
  readonly displayName?: string;

  @IsIn(STAFF_ROLES)
  readonly role!: StaffRole;
}

export class CreateCustomerLoginDto extends SignInDto {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'customerId must be 1 to 64 letters, digits, "_" or "-"' })
  readonly customerId!: string;
}
