import { Type } from 'class-transformer';
import { IsNotEmptyObject, IsString, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { PushSubscriptionRequest, PushUnsubscribeRequest } from '../contracts/notifications';

/** Push services' endpoints are URLs of a few hundred characters. */
const ENDPOINT_MAX_LENGTH = 2048;

const isEndpoint = () =>
  IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'endpoint must be an https URL' },
  );

export class PushSubscriptionKeysDto {
  /** The browser's P-256 public key, base64url (65 bytes). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{86,88}={0,2}$/, { message: 'keys.p256dh must be a P-256 public key in base64url' })
  p256dh!: string;

  /** The browser's 16-byte authentication secret, base64url. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22,24}={0,2}$/, { message: 'keys.auth must be 16 bytes in base64url' })
  auth!: string;
}

export class PushSubscriptionDto implements PushSubscriptionRequest {
  @isEndpoint()
  @MaxLength(ENDPOINT_MAX_LENGTH)
  endpoint!: string;

  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => PushSubscriptionKeysDto)
  keys!: PushSubscriptionKeysDto;
}

export class PushUnsubscribeDto implements PushUnsubscribeRequest {
  @isEndpoint()
  @MaxLength(ENDPOINT_MAX_LENGTH)
  endpoint!: string;
}
