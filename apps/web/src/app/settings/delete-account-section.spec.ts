import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { PrivacyApi } from '../core/api/privacy-api';
import { Session } from '../core/auth/session';
import { DeleteAccountSection } from './delete-account-section';

const refusal = (status: number, code: string, message: string) =>
  throwError(() => new HttpErrorResponse({ status, error: { statusCode: status, code, message } }));

async function render(answer: () => ReturnType<PrivacyApi['deleteAccount']>) {
  const api = { deleteAccount: jest.fn(answer) };
  const session = { logout: jest.fn(), notice: signal<string | null>(null) };
  TestBed.configureTestingModule({
    imports: [DeleteAccountSection],
    providers: [
      { provide: PrivacyApi, useValue: api },
      { provide: Session, useValue: session },
    ],
  });
  const fixture = TestBed.createComponent(DeleteAccountSection);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const submit = async (password: string) => {
    const input = element.querySelector<HTMLInputElement>('input[type="password"]') as HTMLInputElement;
    input.value = password;
    input.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { element, api, session, submit };
}

describe('DeleteAccountSection', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('deletes the account with its password, then ends this session and says so', async () => {
    const { api, session, submit } = await render(() => of(undefined));
    await submit('mon-mot-de-passe');
    expect(api.deleteAccount).toHaveBeenCalledWith('mon-mot-de-passe');
    expect(session.logout).toHaveBeenCalled();
    expect(session.notice()).toBe('Votre compte a été supprimé.');
  });

  it('asks for the password before anything', async () => {
    const { api, submit } = await render(() => of(undefined));
    await submit('');
    expect(api.deleteAccount).not.toHaveBeenCalled();
  });

  it('says a wrong password in its own words, and the garage’s reason in the API’s', async () => {
    const wrong = await render(() => refusal(403, 'FORBIDDEN', 'Forbidden'));
    await wrong.submit('pas-le-bon');
    expect(wrong.element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Ce mot de passe n’est pas celui de votre compte : il n’a pas été supprimé.',
    );
    expect(wrong.session.logout).not.toHaveBeenCalled();
    TestBed.resetTestingModule();
    const owner = await render(() => refusal(409, 'LAST_OWNER', 'Vous êtes le dernier propriétaire de votre garage.'));
    await owner.submit('le-bon');
    expect(owner.element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Vous êtes le dernier propriétaire de votre garage.',
    );
  });
});
