import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ArrivalFocus } from './core/arrival-focus';
import { fr } from './i18n/fr';

/** The page frame comes with the route: GuestLayout for visitors, SignedInLayout once signed in. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: `
    <a class="skip-link" href="#main">{{ fr.skipToContent }}</a>
    <router-outlet />
  `,
  styles: `
    .skip-link {
      position: absolute;
      left: 0.5rem;
      top: -3rem;
      z-index: 20;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
      background: #fff;
    }
    .skip-link:focus {
      top: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly fr = fr;

  constructor() {
    inject(ArrivalFocus);
  }
}
