import { Injectable } from '@nestjs/common';
import type { Permission, RealtimeError } from '@switchboard/shared/contracts';
import { AuthService } from '@switchboard/api/feature-auth';
import { DomainError, type Principal } from '@switchboard/api/util-http';

/** Why a socket cannot (or can no longer) be served. */
export class RealtimeAuthError extends Error {
  override readonly name = 'RealtimeAuthError';
  constructor(
    readonly error: RealtimeError,
    options?: { cause?: unknown },
  ) {
    super(error.message, options);
  }
}

/** A verified socket identity and when its token stops being valid. */
export interface SocketIdentity {
  principal: Principal;
  expiresAt: Date;
}

/**
 * Verifies socket tokens exactly as the REST guards do (signature, expiry, session not revoked, user not disabled),
 * then checks the namespace's permission.
 */
@Injectable()
export class SocketAuthService {
  constructor(private readonly auth: AuthService) {}

  async verify(token: unknown, permission: Permission): Promise<SocketIdentity> {
    if (typeof token !== 'string' || token.length === 0)
      throw new RealtimeAuthError({
        code: 'Unauthenticated',
        message: 'Sign in first: pass the access token as auth.token.',
      });
    let principal: Principal;
    try {
      principal = await this.auth.authenticate(token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const expired = isExpiry(error.cause);
      throw new RealtimeAuthError(
        {
          code: expired ? 'TokenExpired' : 'Unauthenticated',
          message: expired ? 'The access token has expired: sign in again.' : error.message,
        },
        { cause: error },
      );
    }
    if (!principal.permissions.includes(permission))
      throw new RealtimeAuthError({ code: 'Forbidden', message: `This needs the ${permission} permission.` });
    return { principal, expiresAt: expiryOf(token) };
  }
}

function isExpiry(cause: unknown): boolean {
  return cause instanceof Error && cause.name === 'TokenExpiredError';
}

/** `exp` of a token that has just been verified (so its payload is trusted). */
function expiryOf(token: string): Date {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return new Date((payload.exp ?? 0) * 1000);
}
