import { Injectable } from '@nestjs/common';
import type {
  EmailDelayChoice,
  NotificationPreferencesView,
  UpdateNotificationPreferencesRequest,
} from '@promoto/shared-dto';
import type { AuthUser } from '../auth/auth-user';
import { badRequest } from '../common/app-exception';
import type { KeyRing } from '../keys/key-ring';
import { SigningKeys } from '../keys/signing-keys';
import { NotificationPreferencesService, type EmailPreference } from './notification-preferences.service';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** What the notification routes do: the unsubscribe link, and (signed in) the preferences. */
@Injectable()
export class NotificationsService {
  private readonly unsubscribeKeys: KeyRing;

  constructor(
    private readonly preferences: NotificationPreferencesService,
    keys: SigningKeys,
  ) {
    this.unsubscribeKeys = keys.unsubscribeLinks;
  }

  /**
   * The user an unsubscribe token was made for; 400 when it is not one of ours, or was written
   * before the person last turned e-mails back on.
   */
  async unsubscribeUserId(token: string | undefined): Promise<string> {
    const claim = typeof token === 'string' ? verifyUnsubscribeToken(this.unsubscribeKeys, token) : null;
    if (!claim) throw badRequest('This unsubscribe link is not valid.');
    if ((await this.preferences.get(claim.userId)).version !== claim.version) {
      throw badRequest(
        'This unsubscribe link is no longer valid: e-mails were turned back on since. Change them in your settings.',
      );
    }
    return claim.userId;
  }

  async unsubscribe(token: string | undefined): Promise<void> {
    await this.preferences.update(await this.unsubscribeUserId(token), { emailEnabled: false });
  }

  async preferencesOf(userId: string): Promise<NotificationPreferencesView> {
    return this.toView(await this.preferences.get(userId));
  }

  async updatePreferences(
    user: AuthUser,
    change: UpdateNotificationPreferencesRequest,
  ): Promise<NotificationPreferencesView> {
    return this.toView(await this.preferences.update(user.id, change));
  }

  private toView(preference: EmailPreference): NotificationPreferencesView {
    return {
      emailEnabled: preference.emailEnabled,
      emailDelaySeconds: preference.emailDelaySeconds as EmailDelayChoice | null,
      defaultEmailDelaySeconds: this.preferences.defaultDelaySeconds,
    };
  }
}
