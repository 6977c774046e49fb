import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SignedInLayout } from '../layout/signed-in-layout';
import { SignedInScope } from './signed-in-scope';

/**
 * The route of the signed-in pages: draws their layout with the session's injector, so that a
 * logout (or another account) takes the layout and its pages away with the session's services.
 */
@Component({
  selector: 'app-signed-in-host',
  imports: [NgComponentOutlet],
  template: `
    @if (injector(); as injector) {
      <ng-container *ngComponentOutlet="layout; environmentInjector: injector" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedInHost {
  protected readonly injector = inject(SignedInScope).injector;
  protected readonly layout = SignedInLayout;
}
