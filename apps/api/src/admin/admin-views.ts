import type { AdminAccountView } from '@promoto/shared-dto';
import type { UserAccount } from '../users/users.service';

/** An account as the moderation pages show it. */
export function adminAccountView(account: UserAccount): AdminAccountView {
  return {
    id: account._id.toHexString(),
    name: account.name,
    email: account.email,
    role: account.role,
    ...(account.garageId ? { garageId: account.garageId.toHexString() } : {}),
    ...(account.garageName ? { garageName: account.garageName } : {}),
    ...(account.suspendedAt
      ? { suspension: { suspendedAt: account.suspendedAt.toISOString(), reason: account.suspensionReason ?? '' } }
      : {}),
  };
}
