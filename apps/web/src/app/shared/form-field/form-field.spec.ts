import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FieldControl, FormField } from './form-field';

@Component({
  imports: [FieldControl, FormField],
  template: `<app-form-field label="E-mail" controlId="email" [hint]="hint()" [error]="error()">
    <input appFieldControl type="email" />
  </app-form-field>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly hint = signal<string | null>(null);
  readonly error = signal<string | null>(null);
}

describe('FormField', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, input: element.querySelector('input') as HTMLInputElement };
  }

  it('labels the control and leaves it valid without an error', async () => {
    const { element, input } = await render();
    expect(input.id).toBe('email');
    expect(element.querySelector('label')?.getAttribute('for')).toBe('email');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('describes the control by its hint and its error, and marks it invalid', async () => {
    const { fixture, element, input } = await render();
    fixture.componentInstance.hint.set('Au moins 8 caractères');
    fixture.componentInstance.error.set('Ce champ est obligatoire.');
    await fixture.whenStable();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('email-hint email-error');
    expect(element.querySelector('#email-error')?.textContent?.trim()).toBe('Ce champ est obligatoire.');
    expect(element.querySelector('#email-hint')?.textContent?.trim()).toBe('Au moins 8 caractères');
  });
});
