import { ChangeDetectionStrategy, Component, type ElementRef, computed, input, output, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { UserDto } from '@switchboard/shared/contracts';
import { ROLE_LABELS } from '../role-labels';

/** One entry of the shell's main navigation. */
export interface ShellNavLink {
  label: string;
  /** Router path, e.g. `/admin/users`. */
  path: string;
  /** Whether the link is active only on exactly this path (true for a home link, or it would always be active). */
  exact?: boolean;
}

/** Who is signed in, as the header shows them. */
export type ShellUser = Pick<UserDto, 'displayName' | 'role'>;

/**
 * The frame of a signed-in app: header with product and app name, main navigation, the signed-in user and a sign-out
 * button, and the page (projected content, usually a `<router-outlet>`) below.
 */
@Component({
  selector: 'sb-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
})
export class Shell {
  /** The app's short name next to the product name, e.g. `Supervisor`. */
  readonly appName = input.required<string>();
  /** Main navigation; callers leave out links the user may not open. */
  readonly navLinks = input<readonly ShellNavLink[]>([]);
  /** The signed-in user. */
  readonly user = input<ShellUser | null>(null);
  /** Whether signing out is under way. */
  readonly signingOut = input(false);
  /** The user pressed "Sign out". */
  readonly signOut = output<void>();

  protected readonly roleLabel = computed(() => {
    const user = this.user();
    return user ? ROLE_LABELS[user.role] : '';
  });
  protected readonly initials = computed(() =>
    (this.user()?.displayName ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join(''),
  );
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** A button, not `href="#main"`: with a `<base href>` a fragment link would reload the app. */
  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }
}
