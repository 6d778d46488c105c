import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { Shell, type ShellNavLink } from '@switchboard/shared/ui-shell';

/** The signed-in frame of the supervisor dashboard; the navigation shows only pages the user may open. */
@Component({
  selector: 'sb-supervisor-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Shell, RouterOutlet],
  template: `
    <sb-shell
      appName="Supervisor"
      [navLinks]="navLinks()"
      [user]="auth.user()"
      [signingOut]="signingOut()"
      (signOut)="signOut()"
    >
      <router-outlet />
    </sb-shell>
  `,
})
export class SupervisorShell {
  protected readonly auth = inject(AuthStore);
  protected readonly signingOut = signal(false);
  protected readonly navLinks = computed<readonly ShellNavLink[]>(() => [
    { label: 'Overview', path: '/', exact: true },
    ...(this.auth.hasPermission('users:read') ? [{ label: 'Users', path: '/admin/users' }] : []),
  ]);

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
    } finally {
      this.signingOut.set(false);
    }
  }
}
