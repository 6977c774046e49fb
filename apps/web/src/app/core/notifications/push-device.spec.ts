import { TestBed } from '@angular/core/testing';
import { SwPush } from '@angular/service-worker';
import { BehaviorSubject, of } from 'rxjs';
import { NotificationsApi } from '../api/notifications-api';
import { PushDevice } from './push-device';

const ENDPOINT = 'https://push.example.test/subscription/1';
const KEYS = { p256dh: 'BPublicKeyOfTheBrowser', auth: 'authSecret' };

describe('PushDevice', () => {
  const subscription$ = new BehaviorSubject<PushSubscription | null>(null);
  const subscription = { endpoint: ENDPOINT, toJSON: () => ({ endpoint: ENDPOINT, keys: KEYS }) } as PushSubscription;
  const swPush = {
    isEnabled: true,
    subscription: subscription$,
    requestSubscription: jest.fn(async () => {
      subscription$.next(subscription);
      return subscription;
    }),
    unsubscribe: jest.fn(async () => subscription$.next(null)),
  };
  const api = { subscribePush: jest.fn(() => of(undefined)), unsubscribePush: jest.fn(() => of(undefined)) };

  beforeEach(() => {
    Object.defineProperty(window, 'Notification', { configurable: true, value: { permission: 'granted' } });
    TestBed.configureTestingModule({
      providers: [
        { provide: SwPush, useValue: swPush },
        { provide: NotificationsApi, useValue: api },
      ],
    });
  });

  afterEach(() => TestBed.resetTestingModule());

  it('subscribes with the server key and hands the subscription to the API, then gives it up', async () => {
    const device = TestBed.inject(PushDevice);
    expect(device.supported).toBe(true);
    expect(device.subscribed()).toBe(false);

    await device.enable('server-key');
    expect(swPush.requestSubscription).toHaveBeenCalledWith({ serverPublicKey: 'server-key' });
    expect(api.subscribePush).toHaveBeenCalledWith({ endpoint: ENDPOINT, keys: KEYS });
    expect(device.subscribed()).toBe(true);
    expect(device.permission()).toBe('granted');

    await device.disable();
    expect(api.unsubscribePush).toHaveBeenCalledWith(ENDPOINT);
    expect(swPush.unsubscribe).toHaveBeenCalled();
    expect(device.subscribed()).toBe(false);
  });
});
