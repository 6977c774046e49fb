import { IsEmail, IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  GARAGE_ROLES,
  type ChangeMemberRoleRequest,
  type GarageRole,
  type InvitationRegisterRequest,
  type InvitationTokenRequest,
  type InviteMemberRequest,
} from '../contracts/team';
import { LIMITS } from '../limits';
import { MaxCharacters } from './characters';
import { NormalizeEmail, Trim } from './transforms';

/** An invitation's secret: 32 random bytes, base64url (43 characters). */
const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class InviteMemberDto implements InviteMemberRequest {
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(LIMITS.emailMaxLength)
  email!: string;

  @IsIn(GARAGE_ROLES)
  role!: GarageRole;
}

export class ChangeMemberRoleDto implements ChangeMemberRoleRequest {
  @IsIn(GARAGE_ROLES)
  role!: GarageRole;
}

export class InvitationTokenDto implements InvitationTokenRequest {
  @IsString()
  @Matches(INVITATION_TOKEN, { message: "token must be the invitation link's token" })
  token!: string;
}

export class InvitationRegisterDto extends InvitationTokenDto implements InvitationRegisterRequest {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameMaxLength)
  name!: string;

  @IsString()
  @MinLength(LIMITS.passwordMinLength)
  @MaxCharacters(LIMITS.passwordMaxLength)
  password!: string;
}
