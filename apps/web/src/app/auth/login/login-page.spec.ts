import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { AuthApi } from '../../core/api/auth-api';
import { Session } from '../../core/auth/session';
import { LoginPage, safeReturnUrl } from './login-page';

async function render() {
  const authApi = { login: jest.fn() };
  const session = { notice: signal<string | null>('Votre session a expiré, reconnectez-vous.'), start: jest.fn() };
  TestBed.configureTestingModule({
    imports: [LoginPage],
    providers: [provideRouter([]), { provide: AuthApi, useValue: authApi }, { provide: Session, useValue: session }],
  });
  const router = TestBed.inject(Router);
  jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(LoginPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const fill = async (selector: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  return { fixture, element, authApi, session, router, fill, submit };
}

describe('LoginPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('has labelled fields and shows why the session ended', async () => {
    const { element } = await render();
    expect(element.querySelector('label[for="login-email"]')?.textContent).toBe('Adresse e-mail');
    expect(element.querySelector('label[for="login-password"]')?.textContent).toBe('Mot de passe');
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Votre session a expiré, reconnectez-vous.');
  });

  it('explains invalid fields in French and sends nothing', async () => {
    const { element, authApi, fill, submit } = await render();
    await fill('#login-email', 'pas-une-adresse');
    await submit();
    const errors = Array.from(element.querySelectorAll('.field-error')).map((item) => item.textContent?.trim());
    expect(errors).toEqual([
      'Saisissez une adresse e-mail valide (ex. : nom@exemple.fr).',
      'Ce champ est obligatoire.',
    ]);
    expect(element.querySelector('#login-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#login-email')?.getAttribute('aria-describedby')).toBe('login-email-error');
    expect(authApi.login).not.toHaveBeenCalled();
  });

  it('says "E-mail ou mot de passe incorrect." on a 401', async () => {
    const { element, authApi, fill, submit } = await render();
    authApi.login.mockReturnValue(
      throwError(
        () => new HttpErrorResponse({ status: 401, error: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'x' } }),
      ),
    );
    await fill('#login-email', 'camille@example.test');
    await fill('#login-password', 'mauvais');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe('E-mail ou mot de passe incorrect.');
  });

  it('shows a suspended account its way to a copy of its data and to its deletion', async () => {
    const { element, authApi, fill, submit } = await render();
    const links = () =>
      Array.from(element.querySelectorAll<HTMLAnchorElement>('.suspended-rights a')).map((link) => [
        link.textContent?.trim(),
        link.getAttribute('href'),
      ]);
    expect(links()).toEqual([]);
    authApi.login.mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 403,
            error: { statusCode: 403, code: 'ACCOUNT_SUSPENDED', message: 'This account is suspended.' },
          }),
      ),
    );
    await fill('#login-email', 'camille@example.test');
    await fill('#login-password', 'le-bon-mot-de-passe');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Votre compte a été suspendu');
    expect(links()).toEqual([
      ['Obtenir une copie de mes données', '/compte-suspendu#mes-donnees'],
      ['Supprimer mon compte', '/compte-suspendu#suppression'],
    ]);
  });

  it('says when the server cannot be reached', async () => {
    const { element, authApi, fill, submit } = await render();
    authApi.login.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    await fill('#login-email', 'camille@example.test');
    await fill('#login-password', 'promoto-demo');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Impossible de joindre le serveur');
  });

  it("starts the session and goes to the user's home", async () => {
    const { authApi, session, router, fill, submit } = await render();
    const auth = { accessToken: 't', user: { id: 'g', email: 'm@example.test', name: 'Marc', role: 'garagiste' } };
    authApi.login.mockReturnValue(of(auth));
    await fill('#login-email', 'm@example.test');
    await fill('#login-password', 'promoto-demo');
    await submit();
    expect(authApi.login).toHaveBeenCalledWith({ email: 'm@example.test', password: 'promoto-demo' });
    expect(session.start).toHaveBeenCalledWith(auth);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/garage');
  });

  it('follows a return address only inside the user area', () => {
    expect(safeReturnUrl('/app/messages?user=1', '/app/appointments')).toBe('/app/messages?user=1');
    expect(safeReturnUrl('/garage/messages', '/app/appointments')).toBe('/app/appointments');
    expect(safeReturnUrl('//evil.example', '/garage')).toBe('/garage');
    expect(safeReturnUrl(undefined, '/garage')).toBe('/garage');
    expect(safeReturnUrl('/admin/reports/1', '/admin')).toBe('/admin/reports/1');
    expect(safeReturnUrl('/app/messages', '/admin')).toBe('/admin');
  });
});
