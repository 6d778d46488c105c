import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectLoginFlow } from '@switchboard/shared/data-access-auth';
import { LoginPage } from '@switchboard/shared/ui-shell';

/** The login page wired to the session store. */
@Component({
  selector: 'sb-login-route',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoginPage],
  template: `
    <sb-login-page
      appTitle="Switchboard — Supervisor"
      tagline="Sign in to watch the floor and manage users."
      [pending]="login.pending()"
      [error]="login.error()"
      (signIn)="login.signIn($event)"
    />
  `,
})
export class LoginRoute {
  protected readonly login = injectLoginFlow();
}
