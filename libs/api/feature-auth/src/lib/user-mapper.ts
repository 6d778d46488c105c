import type { UserDto } from '@switchboard/shared/contracts';
import type { User } from '@switchboard/api/data-access-db';

/** A database user as the API shows it: no password hash, ISO dates. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
