import type { UserRole } from '@promoto/shared-dto';
import type { Types } from 'mongoose';

/** Who a user is: fixed once their account (and garage) is created, so it can be cached. */
export interface UserProfile {
  _id: Types.ObjectId;
  id: string;
  name: string;
  role: UserRole;
  /** The garage a garagiste runs. */
  garageId?: string;
  garageName?: string;
}
