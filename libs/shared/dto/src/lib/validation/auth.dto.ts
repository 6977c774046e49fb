import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SIGN_UP_ROLES, type SignUpRole } from '../contracts/roles';
import type {
  DeleteAccountRequest,
  GarageRegistration,
  LoginRequest,
  RefreshRequest,
  RegisterRequest,
} from '../contracts/requests';
import { LIMITS } from '../limits';
import { MaxCharacters } from './characters';
import { NormalizeEmail, Trim } from './transforms';

export class GarageRegistrationDto implements GarageRegistration {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.garageFieldMaxLength)
  name!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.garageFieldMaxLength)
  city!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.garageFieldMaxLength)
  address!: string;
}

export class RegisterDto implements RegisterRequest {
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(LIMITS.emailMaxLength)
  email!: string;

  @IsString()
  @MinLength(LIMITS.passwordMinLength)
  @MaxCharacters(LIMITS.passwordMaxLength)
  password!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameMaxLength)
  name!: string;

  @IsIn(SIGN_UP_ROLES)
  role!: SignUpRole;

  @ValidateIf((dto: RegisterDto) => dto.role === 'garagiste' || dto.garage !== undefined)
  @IsObject({
    message: 'garage (name, city, address) is required for a garagiste',
  })
  @ValidateNested()
  @Type(() => GarageRegistrationDto)
  garage?: GarageRegistrationDto;
}

export class LoginDto implements LoginRequest {
  @NormalizeEmail()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.emailMaxLength)
  email!: string;

  @IsString()
  @IsNotEmpty()
  @MaxCharacters(LIMITS.passwordMaxLength)
  password!: string;
}

export class DeleteAccountDto implements DeleteAccountRequest {
  @IsString()
  @IsNotEmpty()
  @MaxCharacters(LIMITS.passwordMaxLength)
  password!: string;
}

export class RefreshDto implements RefreshRequest {
  /** 32 random bytes in base64url, as the API writes them. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'refreshToken must be the refreshToken of the last login or refresh' })
  refreshToken!: string;
}
