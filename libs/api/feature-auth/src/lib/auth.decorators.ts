import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@switchboard/shared/contracts';
import type { ApiRequest, Principal } from '@switchboard/api/util-http';

export const IS_PUBLIC = 'switchboard:isPublic';
export const REQUIRED_PERMISSIONS = 'switchboard:permissions';

/** Opens a route to callers without a token (login, refresh, health). Every other route needs one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller's role must grant every listed permission. */
export const RequirePermissions = (...permissions: Permission[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** Injects the authenticated {@link Principal}. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<ApiRequest>().principal;
  // The global auth guard runs first; a handler reached without a principal is a wiring bug.
  if (!principal) throw new Error('CurrentPrincipal used on a route the auth guard did not run for');
  return principal;
});
