import { afterNextRender, type Injector } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { fr } from '../i18n/fr';

/** The French sentence for a control's first error, once the user has left it or submitted. */
export function fieldError(control: AbstractControl, submitted: boolean): string | null {
  if (!control.errors || !(control.touched || submitted)) return null;
  const errors = control.errors;
  if (errors['email']) return fr.auth.emailInvalid;
  if (errors['minlength'])
    return fr.auth.passwordTooShort((errors['minlength'] as { requiredLength: number }).requiredLength);
  if (errors['maxlength']) return fr.common.tooLong((errors['maxlength'] as { requiredLength: number }).requiredLength);
  if (errors['future']) return fr.garages.book.whenInPast;
  return fr.common.required;
}

/** After a refused submit, moves the focus to the first field in error (once its message is shown). */
export function focusFirstInvalid(host: HTMLElement, injector: Injector): void {
  afterNextRender(() => host.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), { injector });
}
