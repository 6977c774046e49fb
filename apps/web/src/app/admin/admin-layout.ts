import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AuthApi } from '../core/api/auth-api';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';

/** The frame of the admins' pages: the brand, « Modération » and « Se déconnecter », then the page. */
@Component({
  selector: 'app-admin-layout',
  imports: [RouterLink, RouterOutlet],
  template: `
    <header class="app-header">
      <a class="brand" routerLink="/admin">{{ fr.appName }} · {{ fr.admin.title }}</a>
      <button type="button" class="button logout" (click)="logout()">{{ fr.admin.logout }}</button>
    </header>
    <main id="main" class="app-main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styleUrl: '../layout/app-frame.css',
  // One row at every width: the brand gives way (smaller, then cut short) before « Se déconnecter »
  // would go to a row of its own.
  styles: `
    .app-header {
      flex-wrap: nowrap;
    }
    .brand {
      display: block;
      min-width: 0;
      line-height: 2.75rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .logout {
      flex-shrink: 0;
      margin-left: auto;
    }
    @media (max-width: 47.99rem) {
      .app-header {
        column-gap: 0.5rem;
        padding-inline: 0.5rem;
      }
      .brand {
        font-size: 0.9rem;
      }
      .logout {
        padding-inline: 0.6rem;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayout {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(Session);
  protected readonly fr = fr;

  protected logout(): void {
    const leave = () => this.session.logout();
    this.authApi.logout().subscribe({ complete: leave, error: leave });
  }
}
