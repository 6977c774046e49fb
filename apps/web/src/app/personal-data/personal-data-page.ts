import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';

/**
 * « Données personnelles »: what Promoto keeps about a person, why and for how long, in plain
 * French, for visitors and signed-in people alike (the README's Retention says the same for
 * operators); a signed-in person gets a link to their settings, where « Mes données » and
 * « Supprimer mon compte » are.
 */
@Component({
  selector: 'app-personal-data-page',
  imports: [RouterLink],
  templateUrl: './personal-data-page.html',
  styleUrl: './personal-data-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonalDataPage {
  protected readonly fr = fr;
  protected readonly session = inject(Session);

  protected settingsPath(): string | null {
    const role = this.session.user()?.role;
    if (!role) return null;
    return role === 'client' ? '/app/settings' : '/garage/settings';
  }
}
