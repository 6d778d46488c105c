import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@switchboard/shared/contracts';
import { type ApiRequest, ForbiddenError } from '@switchboard/api/util-http';
import { REQUIRED_PERMISSIONS } from '../auth.decorators';

/** Global guard after {@link AuthGuard}: the principal's role must grant what the route requires. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required?.length) return true;
    const principal = context.switchToHttp().getRequest<ApiRequest>().principal;
    const missing = required.filter((p) => !principal?.permissions.includes(p));
    if (missing.length > 0) {
      throw new ForbiddenError(
        `Your role (${principal?.role ?? 'none'}) may not do this: it needs ${missing.join(', ')}.`,
      );
    }
    return true;
  }
}
