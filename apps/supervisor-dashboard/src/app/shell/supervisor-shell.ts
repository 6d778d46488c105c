import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import type { Permission } from '@switchboard/shared/contracts';
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
  protected readonly navLinks = computed<readonly ShellNavLink[]>(() => {
    const can = (permission: Permission): boolean => this.auth.hasPermission(permission);
    return [
      ...(can('floor:supervise') ? [{ label: 'Live floor', path: '/', exact: true }] : []),
      ...(can('calls:read')
        ? [
            { label: 'Reports', path: '/reports' },
            { label: 'Calls', path: '/calls' },
          ]
        : []),
      ...(can('users:read') ? [{ label: 'Users', path: '/admin/users' }] : []),
      ...(can('calls:read')
        ? [
            { label: 'Extensions', path: '/admin/extensions' },
            { label: 'Agents', path: '/admin/agents' },
            { label: 'Queues', path: '/admin/queues' },
            { label: 'Tiers', path: '/admin/tiers' },
            { label: 'Call buttons', path: '/admin/call-buttons' },
          ]
        : []),
    ];
  });

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
    } finally {
      this.signingOut.set(false);
    }
  }
}
