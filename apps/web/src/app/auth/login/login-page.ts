import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-login-page',
  template: `<h1>Connexion</h1>
    <p>La connexion arrive bientôt.</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {}
