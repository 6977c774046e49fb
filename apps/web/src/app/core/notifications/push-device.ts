import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { SwPush } from '@angular/service-worker';
import type { PushSubscriptionRequest } from '@promoto/shared-dto';
import { firstValueFrom, map, take } from 'rxjs';
import { NotificationsApi } from '../api/notifications-api';

/** Web Push on this device: whether it can, whether it does, and switching it on or off. */
@Injectable({ providedIn: 'root' })
export class PushDevice {
  private readonly swPush = inject(SwPush);
  private readonly api = inject(NotificationsApi);
  private readonly notifications = inject(DOCUMENT).defaultView?.Notification;
  private readonly permissionState = signal<NotificationPermission>(this.notifications?.permission ?? 'denied');

  /** False without a service worker (development builds, old browsers, private windows of some). */
  readonly supported = this.swPush.isEnabled && this.notifications !== undefined;
  readonly subscribed = toSignal(this.swPush.subscription.pipe(map((subscription) => subscription !== null)), {
    initialValue: false,
  });
  readonly permission = this.permissionState.asReadonly();

  /** Asks the browser's permission (a click of the person's: never on page load), then subscribes. */
  async enable(serverPublicKey: string): Promise<void> {
    try {
      const subscription = await this.swPush.requestSubscription({ serverPublicKey });
      await firstValueFrom(this.api.subscribePush(subscription.toJSON() as PushSubscriptionRequest));
    } finally {
      this.permissionState.set(this.notifications?.permission ?? 'denied');
    }
  }

  async disable(): Promise<void> {
    const subscription = await firstValueFrom(this.swPush.subscription.pipe(take(1)));
    if (!subscription) return;
    await firstValueFrom(this.api.unsubscribePush(subscription.endpoint));
    await this.swPush.unsubscribe();
  }
}
