import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { AdminAccountView } from '@promoto/shared-dto';
import { of, throwError } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';
import { AccountSuspension } from './account-suspension';

const MARC: AdminAccountView = {
  id: '6b07bd0e44ecb3a1dc995520',
  name: 'Marc Dubois',
  email: 'marc@promoto.test',
  role: 'garagiste',
  garageId: '6b07bd0e44ecb3a1dc995521',
  garageName: 'Garage du Centre',
};
const SUSPENDED: AdminAccountView = {
  ...MARC,
  suspension: { suspendedAt: '2026-12-09T18:10:00.000Z', reason: 'Insultes' },
};

async function render(account: AdminAccountView) {
  const api = { suspend: jest.fn(() => of(SUSPENDED)), reinstate: jest.fn(() => of(MARC)) };
  TestBed.configureTestingModule({ imports: [AccountSuspension], providers: [{ provide: AdminApi, useValue: api }] });
  const fixture = TestBed.createComponent(AccountSuspension);
  fixture.componentRef.setInput('account', account);
  const changed: AdminAccountView[] = [];
  fixture.componentInstance.changed.subscribe((updated) => {
    changed.push(updated);
    fixture.componentRef.setInput('account', updated);
  });
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...element.querySelectorAll<HTMLButtonElement>('button')].find(
      (candidate) => candidate.textContent?.trim() === text,
    );
  const reason = (value: string) => {
    const field = element.querySelector<HTMLTextAreaElement>('textarea');
    if (!field) throw new Error('no reason field');
    field.value = value;
  };
  return { api, element, settle, button, reason, changed };
}

describe('AccountSuspension', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('suspends only once confirmed with a reason, and says so', async () => {
    const { api, element, settle, button, reason, changed } = await render(MARC);
    expect(element.querySelector('button')?.getAttribute('aria-label')).toBe('Suspendre le compte de Marc Dubois');
    button('Suspendre le compte')?.click();
    await settle();
    expect(element.textContent).toContain('Suspendre le compte de Marc Dubois ?');
    button('Oui, suspendre')?.click();
    await settle();
    expect(api.suspend).not.toHaveBeenCalled();
    expect(element.querySelector('.field-error')?.textContent).toContain('Indiquez le motif');
    reason('  Insultes  ');
    button('Oui, suspendre')?.click();
    await settle();
    expect(api.suspend).toHaveBeenCalledWith(MARC.id, 'Insultes');
    expect(changed).toEqual([SUSPENDED]);
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Le compte de Marc Dubois est suspendu.',
    );
    expect(element.textContent).toContain('Suspendu depuis le');
    expect(button('Lever la suspension')).toBeDefined();
  });

  it('lifts a suspension with a reason', async () => {
    const { api, settle, button, reason, changed, element } = await render(SUSPENDED);
    button('Lever la suspension')?.click();
    await settle();
    reason('Excuses présentées');
    button('Lever la suspension')?.click();
    await settle();
    expect(api.reinstate).toHaveBeenCalledWith(MARC.id, 'Excuses présentées');
    expect(changed).toEqual([MARC]);
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Le compte de Marc Dubois peut de nouveau se connecter.',
    );
  });

  it('offers nothing on an admin’s account, and says why a suspension failed', async () => {
    const admin = await render({ ...MARC, role: 'admin' });
    expect(admin.button('Suspendre le compte')).toBeUndefined();
    expect(admin.element.textContent).toContain('Compte administrateur');
    TestBed.resetTestingModule();

    const { api, element, settle, button, reason } = await render(MARC);
    api.suspend.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
    button('Suspendre le compte')?.click();
    await settle();
    reason('Insultes');
    button('Oui, suspendre')?.click();
    await settle();
    expect(element.querySelector('.alert[role="alert"]')?.textContent).toContain('serveur');
    expect(button('Oui, suspendre')).toBeDefined();
  });
});
