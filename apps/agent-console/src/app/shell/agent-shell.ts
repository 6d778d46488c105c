import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { Shell, type ShellNavLink } from '@switchboard/shared/ui-shell';
import { Softphone } from '@switchboard/telephony/sip-angular';

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
  private readonly phone = inject(Softphone);
  protected readonly navLinks: readonly ShellNavLink[] = [{ label: 'Desk', path: '/', exact: true }];
  protected readonly signingOut = signal(false);

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      // Unregister first: after logout the API revokes this login's SIP credential.
      await this.phone.stop().catch((error: unknown) => console.warn('softphone did not stop cleanly', error));
      await this.auth.logout();
    } finally {
      this.signingOut.set(false);
    }
  }
}
