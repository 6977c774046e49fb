import { ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';

/**
 * A list's « Supprimer » that asks first: which item waits for « Oui, supprimer », with the
 * keyboard taken to the confirming button and back to « Supprimer » on « Non ». Each item of the
 * list carries its id in the attribute given (`data-vehicle`), its buttons the classes `remove`
 * and `confirm-remove`. Create it in a field initializer of the page (it injects the page's element).
 */
export class ConfirmedRemoval {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly waiting = signal<string | null>(null);
  /** The item whose deletion waits for a confirmation. */
  readonly pendingId = this.waiting.asReadonly();

  constructor(private readonly itemAttribute: string) {}

  ask(id: string): void {
    this.waiting.set(id);
    this.focusIn(id, '.confirm-remove');
  }

  keep(id: string): void {
    this.waiting.set(null);
    this.focusIn(id, '.remove');
  }

  /** After the deletion went through. */
  done(): void {
    this.waiting.set(null);
  }

  private focusIn(id: string, selector: string): void {
    afterNextRender(
      () => this.host.querySelector<HTMLElement>(`[${this.itemAttribute}="${id}"] ${selector}`)?.focus(),
      { injector: this.injector },
    );
  }
}
