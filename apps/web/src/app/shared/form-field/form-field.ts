import { ChangeDetectionStrategy, Component, Directive, computed, inject, input } from '@angular/core';

/**
 * A labelled form field: the label, the control (projected, marked with `appFieldControl`),
 * an optional hint and the French error once there is one. The control gets its id and its
 * aria-invalid / aria-describedby wiring from here, so screen readers read the hint and error.
 */
@Component({
  selector: 'app-form-field',
  host: { class: 'field' },
  template: `
    <label [for]="controlId()">{{ label() }}</label>
    <ng-content />
    @if (hint(); as hint) {
      <p [id]="controlId() + '-hint'" class="field-hint">{{ hint }}</p>
    }
    @if (error(); as error) {
      <p [id]="controlId() + '-error'" class="field-error">{{ error }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormField {
  readonly label = input.required<string>();
  readonly controlId = input.required<string>();
  readonly hint = input<string | null>(null);
  readonly error = input<string | null>(null);

  readonly describedBy = computed(() => {
    const ids = [this.hint() ? `${this.controlId()}-hint` : null, this.error() ? `${this.controlId()}-error` : null];
    return ids.filter((id) => id !== null).join(' ') || null;
  });
}

/** Marks the input, select or textarea of an `app-form-field`. */
@Directive({
  selector: '[appFieldControl]',
  host: {
    '[id]': 'field.controlId()',
    '[attr.aria-invalid]': 'field.error() ? true : null',
    '[attr.aria-describedby]': 'field.describedBy()',
  },
})
export class FieldControl {
  protected readonly field = inject(FormField);
}
