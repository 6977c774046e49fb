import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { fr } from '../i18n/fr';

/** The frame of the login, register, invitation and « Données personnelles » pages: the brand, then the page. */
@Component({
  selector: 'app-guest-layout',
  imports: [RouterLink, RouterOutlet],
  template: `
    <header class="app-header">
      <a class="brand" routerLink="/">{{ fr.appName }}</a>
    </header>
    <main id="main" class="app-main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styleUrl: './app-frame.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GuestLayout {
  protected readonly fr = fr;
}
