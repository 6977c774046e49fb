import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { badRequest } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { NotificationPreferencesService } from './notification-preferences.service';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** What the notification routes do: the unsubscribe link, and (signed in) the preferences. */
@Injectable()
export class NotificationsService {
  private readonly secret: string;

  constructor(
    private readonly preferences: NotificationPreferencesService,
    config: ConfigService<Environment, true>,
  ) {
    this.secret = config.get('JWT_SECRET', { infer: true });
  }

  /** The user an unsubscribe token was made for; 400 when it is not one of ours. */
  unsubscribeUserId(token: string | undefined): string {
    const userId = typeof token === 'string' ? verifyUnsubscribeToken(this.secret, token) : null;
    if (!userId) throw badRequest('This unsubscribe link is not valid.');
    return userId;
  }

  async unsubscribe(token: string | undefined): Promise<void> {
    await this.preferences.update(this.unsubscribeUserId(token), { emailEnabled: false });
  }
}
