import { effect } from '@angular/core';
import type { FormControl } from '@angular/forms';

/**
 * Chooses in advance, in a form's vehicle field, the vehicle a link names (`?vehicle=`, from a
 * reminder or the thread's « Programmer un rappel »), once the form offers it; an unknown id
 * leaves the field as it is. Call it in an injection context (a constructor).
 */
export function preselectVehicle(
  control: FormControl<string>,
  wanted: () => string | undefined,
  offered: () => readonly string[],
): void {
  effect(() => {
    const id = wanted();
    if (id && offered().includes(id)) control.setValue(id);
  });
}
