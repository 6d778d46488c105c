import type { FieldError } from '@switchboard/shared/contracts';

/**
 * Errors the API's domain code throws. Each has a literal `name`; {@link ApiExceptionFilter} maps it to an HTTP
 * status, so services never throw `HttpException`.
 */
export abstract class DomainError extends Error {
  abstract override readonly name:
    | 'ValidationError'
    | 'InvalidCredentials'
    | 'Unauthenticated'
    | 'AccountDisabled'
    | 'Forbidden'
    | 'NotFound'
    | 'Conflict'
    | 'TooManyRequests'
    | 'ServerBusy'
    | 'ServiceUnavailable';
  constructor(
    message: string,
    readonly details?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request body or query does not match its schema. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
}
/** Email or password is wrong (deliberately not saying which). */
export class InvalidCredentialsError extends DomainError {
  override readonly name = 'InvalidCredentials';
}
/** No valid access token / session. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'Unauthenticated';
}
/** The account exists but an admin disabled it. */
export class AccountDisabledError extends DomainError {
  override readonly name = 'AccountDisabled';
}
/** Signed in, but the role lacks the permission. */
export class ForbiddenError extends DomainError {
  override readonly name = 'Forbidden';
}
export class NotFoundError extends DomainError {
  override readonly name = 'NotFound';
}
/** The request clashes with the current state (duplicate email, demoting the last admin, ...). */
export class ConflictError extends DomainError {
  override readonly name = 'Conflict';
}
/** Too many attempts: the answer is a 429 whose `Retry-After` says when to try again. */
export class TooManyRequestsError extends DomainError {
  override readonly name: 'TooManyRequests' | 'ServerBusy' = 'TooManyRequests';
  constructor(
    message: string,
    /** Whole seconds until a new attempt may succeed. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
  }
}

/**
 * A 429 that is not the client's doing: the server is busy with everyone's requests (the password-check queue is
 * full). Its `error` is `ServerBusy`, so a client may retry after `Retry-After` on its own, as it must not for a
 * limit the client itself reached.
 */
export class ServerBusyError extends TooManyRequestsError {
  override readonly name = 'ServerBusy';
}

/** HTTP status of each domain error. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainError['name'], number>> = {
  ValidationError: 400,
  InvalidCredentials: 401,
  Unauthenticated: 401,
  AccountDisabled: 403,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  TooManyRequests: 429,
  ServerBusy: 429,
  ServiceUnavailable: 503,
};
