import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { Shell, type ShellNavLink } from '@switchboard/shared/ui-shell';

/** The signed-in frame of the agent console, wired to the session store. */
@Component({
  selector: 'sb-agent-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Shell, RouterOutlet],
  template: `
    <sb-shell
      appName="Agent"
      [navLinks]="navLinks"
      [user]="auth.user()"
      [signingOut]="signingOut()"
      (signOut)="signOut()"
    >
      <router-outlet />
    </sb-shell>
  `,
})
export class AgentShell {
  protected readonly auth = inject(AuthStore);
  protected readonly navLinks: readonly ShellNavLink[] = [{ label: 'Home', path: '/', exact: true }];
  protected readonly signingOut = signal(false);

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
    } finally {
      this.signingOut.set(false);
    }
  }
}
