import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Role, UserDto } from '@switchboard/shared/contracts';
import { ROLE_LABELS } from '@switchboard/shared/ui-shell';
import { ROLE_OPTIONS, isRole } from '../role-options';

/** A change to one row that is under way or was refused. */
export interface UserRowState {
  /** Whether a change is waiting for the server (the row's controls are disabled meanwhile). */
  busy: boolean;
  /** The role being requested, shown in the select until the server answers. */
  requestedRole?: Role;
  /** Why the server refused the last change, as its message. */
  error?: string;
}

/** The user asked to give `user` another role. */
export interface RoleChange {
  user: UserDto;
  role: Role;
}

/**
 * The users list as a dense table. With `canManage`, each row gets a role select and an enable/disable button;
 * the page owning the data performs the changes and reports them back through `rowStates`.
 */
@Component({
  selector: 'sb-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './users-table.html',
  styleUrl: './users-table.css',
})
export class UsersTable {
  /** The users of the current page. */
  readonly users = input.required<readonly UserDto[]>();
  /** Whether the viewer may change users (`users:manage`): without it the table is read-only. */
  readonly canManage = input(false);
  /** The signed-in user's id, to mark their own row. */
  readonly currentUserId = input<string | null>(null);
  /** Changes under way or refused, by user id. */
  readonly rowStates = input<Readonly<Record<string, UserRowState>>>({});
  /** Whether the page is being (re)loaded. */
  readonly loading = input(false);
  /** The user picked another role for a row. */
  readonly roleChange = output<RoleChange>();
  /** The user asked to disable an enabled user, or enable a disabled one. */
  readonly disabledToggle = output<UserDto>();

  protected readonly roleOptions = ROLE_OPTIONS;

  protected readonly roleLabels = ROLE_LABELS;

  protected requestRole(user: UserDto, select: HTMLSelectElement): void {
    const role = select.value;
    // The select shows the requested role through `rowStates` while the server decides. Putting the DOM back to the
    // current role now means a refusal leaves it right even if it arrives before the next render.
    select.value = user.role;
    if (isRole(role) && role !== user.role) this.roleChange.emit({ user, role });
  }
}
