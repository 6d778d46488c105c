import { ROLES, type Role } from '@switchboard/shared/contracts';
import { ROLE_LABELS } from '@switchboard/shared/ui-shell';

/** Roles in the order menus list them, with the words people read. */
export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = ROLES.map((value) => ({
  value,
  label: ROLE_LABELS[value],
}));

/** Whether a string from a `<select>` is a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
