import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { signOutOfConsole } from '@switchboard/agent/feature-console';
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
      await signOutOfConsole(this.phone, this.auth);
    } finally {
      this.signingOut.set(false);
    }
  }
}
