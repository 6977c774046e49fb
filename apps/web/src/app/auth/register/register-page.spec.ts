import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { throwError } from 'rxjs';
import { AuthApi } from '../../core/api/auth-api';
import { Session } from '../../core/auth/session';
import { RegisterPage } from './register-page';

async function render(refusal: object, status: number) {
  const authApi = {
    register: jest.fn(() => throwError(() => new HttpErrorResponse({ status, error: refusal }))),
  };
  TestBed.configureTestingModule({
    imports: [RegisterPage],
    providers: [
      provideRouter([]),
      { provide: AuthApi, useValue: authApi },
      { provide: Session, useValue: { start: jest.fn() } },
    ],
  });
  const fixture = TestBed.createComponent(RegisterPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  for (const [selector, value] of [
    ['#register-name', 'Marie'],
    ['#register-email', 'marie@example.test'],
    ['#register-password', 'azerty123'],
  ]) {
    const input = element.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  element.querySelector('form')?.dispatchEvent(new Event('submit'));
  await fixture.whenStable();
  return { element, authApi };
}

describe('RegisterPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it("shows the API's French reason when the password is too easy to guess", async () => {
    const message = 'Mot de passe trop facile à deviner. Ce mot de passe est couramment utilisé.';
    const { element, authApi } = await render({ statusCode: 400, code: 'WEAK_PASSWORD', message }, 400);
    expect(authApi.register).toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(message);
  });

  it('keeps the French text of the code for other refusals', async () => {
    const { element } = await render(
      { statusCode: 409, code: 'EMAIL_TAKEN', message: 'An account already uses this email.' },
      409,
    );
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Un compte existe déjà avec cette adresse e-mail.',
    );
  });
});
