import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiRequest, UnauthenticatedError } from '@switchboard/api/util-http';
import { AuthService } from '../auth.service';
import { IS_PUBLIC } from '../auth.decorators';

/** Global guard: every route needs a valid Bearer token unless marked {@link Public}. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new UnauthenticatedError('Sign in first: send an Authorization: Bearer <access token> header.');
    request.principal = await this.auth.authenticate(match[1]);
    return true;
  }
}
