import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { NotificationPreferencesView, UpdateNotificationPreferencesRequest } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { NotificationsApi } from '../core/api/notifications-api';
import { BlocksStore } from '../chat/blocks.store';
import { PrivacyApi } from '../core/api/privacy-api';
import { PushDevice } from '../core/notifications/push-device';
import { SettingsPage } from './settings-page';

async function render(loaded: NotificationPreferencesView, publicKey: string | null = 'server-key') {
  const push = {
    supported: true,
    subscribed: signal(false),
    permission: signal<NotificationPermission>('default'),
    enable: jest.fn(async () => push.subscribed.set(true)),
    disable: jest.fn(async () => push.subscribed.set(false)),
  };
  const api = {
    pushPublicKey: jest.fn(() => of({ publicKey })),
    preferences: jest.fn(() => of(loaded)),
    updatePreferences: jest.fn((change: UpdateNotificationPreferencesRequest) =>
      of({ ...loaded, ...change } as NotificationPreferencesView),
    ),
  };
  TestBed.configureTestingModule({
    imports: [SettingsPage],
    providers: [
      { provide: NotificationsApi, useValue: api },
      { provide: PushDevice, useValue: push },
      provideRouter([]),
      { provide: PrivacyApi, useValue: { latestExport: () => of(null), requestExport: jest.fn() } },
      {
        provide: BlocksStore,
        useValue: { ensureLoaded: jest.fn(), items: signal([]), status: signal('ready'), error: signal(null) },
      },
    ],
  });
  const fixture = TestBed.createComponent(SettingsPage);
  await fixture.whenStable();
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, api, push };
}

describe('SettingsPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('shows the saved preferences, the default delay named in French', async () => {
    const { element } = await render({ emailEnabled: false, emailDelaySeconds: 900, defaultEmailDelaySeconds: 300 });
    expect(element.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked).toBe(false);
    const select = element.querySelector<HTMLSelectElement>('#settings-email-delay');
    expect(select?.value).toBe('900');
    expect(Array.from(select?.options ?? []).map((option) => option.textContent?.trim())).toEqual([
      'Par défaut (5 minutes)',
      '5 minutes',
      '15 minutes',
      '1 heure',
      '3 heures',
    ]);
  });

  it('saves the choices and says so', async () => {
    const { fixture, element, api } = await render({
      emailEnabled: true,
      emailDelaySeconds: null,
      defaultEmailDelaySeconds: 30,
    });
    const checkbox = element.querySelector<HTMLInputElement>('input[type="checkbox"]');
    checkbox?.click();
    const select = element.querySelector<HTMLSelectElement>('#settings-email-delay');
    if (!select) throw new Error('no delay list');
    select.value = '3600';
    select.dispatchEvent(new Event('change'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(api.updatePreferences).toHaveBeenCalledWith({ emailEnabled: false, emailDelaySeconds: 3600 });
    const status = element.querySelector<HTMLElement>('[role="status"]');
    expect(status?.hidden).toBe(false);
    expect(status?.textContent?.trim()).toBe('Préférences enregistrées.');
  });

  it('switches push on for this device only when asked, and explains a blocked permission', async () => {
    const { fixture, element, push } = await render({
      emailEnabled: true,
      emailDelaySeconds: null,
      defaultEmailDelaySeconds: 300,
    });
    const section = element.querySelector('section.push');
    const button = () => section?.querySelector<HTMLButtonElement>('button');
    expect(push.enable).not.toHaveBeenCalled();
    expect(button()?.textContent?.trim()).toBe('Activer sur cet appareil');

    button()?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(push.enable).toHaveBeenCalledWith('server-key');
    expect(button()?.textContent?.trim()).toBe('Désactiver sur cet appareil');

    button()?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(push.disable).toHaveBeenCalled();

    push.enable.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    push.permission.set('denied');
    button()?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(section?.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Les notifications sont bloquées pour Promoto dans ce navigateur : autorisez-les dans ses réglages.',
    );
  });

  it('says so when the server sends no push', async () => {
    const { element } = await render(
      { emailEnabled: true, emailDelaySeconds: null, defaultEmailDelaySeconds: 300 },
      null,
    );
    expect(element.querySelector('section.push button')).toBeNull();
    expect(element.querySelector('section.push .hint')?.textContent?.trim()).toBe(
      'Les notifications ne sont pas disponibles pour le moment.',
    );
  });
});
