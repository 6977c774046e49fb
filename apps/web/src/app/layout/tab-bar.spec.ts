import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserRole } from '@promoto/shared-dto';
import { ConversationsStore } from '../chat/conversations.store';
import { Session } from '../core/auth/session';
import { TabBar } from './tab-bar';

async function render(role: UserRole, unread: number) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: Session, useValue: { user: signal({ id: 'u1', name: 'Camille', email: 'c@example.test', role }) } },
      { provide: ConversationsStore, useValue: { unreadTotal: signal(unread) } },
    ],
  });
  const fixture = TestBed.createComponent(TabBar);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const tabs = Array.from(element.querySelectorAll<HTMLAnchorElement>('nav a')).map((tab) => [
    tab.getAttribute('href'),
    tab.querySelector('.label')?.textContent,
  ]);
  return { element, tabs };
}

describe('TabBar', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('gives a client Rendez-vous, Garages, Messages with the unread total, and Réglages', async () => {
    const { element, tabs } = await render('client', 2);
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Navigation principale');
    expect(tabs).toEqual([
      ['/app/appointments', 'Rendez-vous'],
      ['/app/garages', 'Garages'],
      ['/app/messages', 'Messages'],
      ['/app/settings', 'Réglages'],
    ]);
    expect(element.querySelector('a[href="/app/messages"] .visually-hidden')?.textContent).toBe('2 messages non lus');
  });

  it('gives a garagiste the dashboard, Messages and Réglages', async () => {
    const { tabs } = await render('garagiste', 0);
    expect(tabs).toEqual([
      ['/garage', 'Tableau de bord'],
      ['/garage/messages', 'Messages'],
      ['/garage/settings', 'Réglages'],
    ]);
  });
});
