import { ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { fr } from '../../i18n/fr';

/** The French sentence for a control's first error, once the user has left it or submitted. */
function fieldError(control: AbstractControl, submitted: boolean): string | null {
  if (!control.errors || !(control.touched || submitted)) return null;
  const errors = control.errors;
  // A validator of the page's own that already says what is wrong, in French.
  if (typeof errors['message'] === 'string') return errors['message'];
  if (errors['email']) return fr.auth.emailInvalid;
  if (errors['minlength'])
    return fr.auth.passwordTooShort((errors['minlength'] as { requiredLength: number }).requiredLength);
  if (errors['maxlength']) return fr.common.tooLong((errors['maxlength'] as { requiredLength: number }).requiredLength);
  return fr.common.required;
}

/**
 * The submit state every form page shares: field errors once submitted, the request in flight,
 * the server's refusal, and the focus moved to the first field to fix. Create it in a field
 * initializer of the page (it injects the page's element).
 */
export class FormSubmission {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly submitted = signal(false);
  readonly pending = signal(false);
  readonly error = signal<string | null>(null);

  errorFor(control: AbstractControl): string | null {
    return fieldError(control, this.submitted());
  }

  /** True when the form may be sent (it is then pending); otherwise shows what to fix and focuses it. */
  start(form: AbstractControl): boolean {
    this.submitted.set(true);
    this.error.set(null);
    if (form.invalid || this.pending()) {
      // Once the messages are on screen, so that a screen reader reads the field with its error.
      afterNextRender(() => this.host.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
        injector: this.injector,
      });
      return false;
    }
    this.pending.set(true);
    return true;
  }

  fail(message: string): void {
    this.pending.set(false);
    this.error.set(message);
  }

  /** After a success that keeps the page, the form starts afresh. */
  done(): void {
    this.pending.set(false);
    this.submitted.set(false);
  }
}
