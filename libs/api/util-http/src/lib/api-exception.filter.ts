import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '@switchboard/shared/contracts';
import { DATABASE_RETRY_AFTER_SECONDS, ServiceUnavailableError, isDatabaseUnavailable } from './database-outage';
import { DOMAIN_ERROR_STATUS, DomainError, TooManyRequestsError } from './domain-errors';
import { type ApiRequest, requestIdOf } from './request-context';

const HTTP_ERROR_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
};

/** `Retry-After` of a 429 when nothing says better (a guard that set no header): about one throttling window. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * PostgreSQL's "invalid byte sequence" (22021) and "untranslatable character / unsupported Unicode escape" (22P05):
 * the request carried text the database cannot store, i.e. a client error, not ours.
 */
const UNSTORABLE_TEXT_CODES = /^(22021|22P05)$/;

/**
 * Turns every error into the API's {@link ApiErrorBody}; unexpected errors become a logged, opaque 500. Every 429
 * gets a `Retry-After`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(caught: unknown, host: ArgumentsHost): void {
    // One place for every route: a database that does not answer is a 503 the client may retry, not our bug.
    const exception = isDatabaseUnavailable(caught)
      ? new ServiceUnavailableError('The database is unavailable; try again shortly.', DATABASE_RETRY_AFTER_SECONDS, {
          cause: caught,
        })
      : caught;
    const http = host.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = requestIdOf(request);
    if (exception instanceof ServiceUnavailableError) {
      this.logger.warn({ err: caught, requestId: body.requestId }, 'database unavailable');
      if (!response.headersSent) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    } else if (body.statusCode >= 500)
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    if (response.headersSent) return;
    if (body.statusCode === 429 && !response.hasHeader('retry-after'))
      response.setHeader('Retry-After', String(retryAfterSeconds(exception)));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (isUnstorableText(exception)) {
      // Input hygiene (inputHygiene) should have refused this text first; say so, since a 400 alone hides the gap.
      this.logger.warn({ err: exception }, 'the database refused text that input hygiene let through');
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'ValidationError',
        message: 'The request holds text that cannot be stored (a NUL character or invalid UTF-8).',
      };
    }
    if (exception instanceof DomainError) {
      return {
        statusCode: DOMAIN_ERROR_STATUS[exception.name],
        error: exception.name,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { statusCode: status, error: HTTP_ERROR_NAMES[status] ?? 'HttpError', message: messageOf(exception) };
    }
    const status = statusOfMiddlewareError(exception);
    if (status !== undefined) {
      // body-parser errors (malformed JSON, too large, bad charset) carry their own 4xx status.
      return {
        statusCode: status,
        error: HTTP_ERROR_NAMES[status] ?? 'BadRequest',
        message: clientMessage(exception, status),
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'InternalError',
      message: 'Something went wrong on our side; it has been logged.',
    };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function statusOfMiddlewareError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const status =
    (exception as { status?: unknown; statusCode?: unknown }).status ??
    (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function clientMessage(exception: unknown, status: number): string {
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large' || status === 413) return 'The request body is too large.';
  return exception instanceof Error ? exception.message : 'Bad request.';
}

/** Seconds a throttled client should wait: a {@link TooManyRequestsError}'s own figure, else {@link DEFAULT_RETRY_AFTER_SECONDS}. */
function retryAfterSeconds(exception: unknown): number {
  if (exception instanceof TooManyRequestsError) return Math.max(1, Math.ceil(exception.retryAfterSeconds));
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** Whether a database error (pg's own, or Prisma's, which keeps the code only in its message) is about stored text. */
function isUnstorableText(exception: unknown): boolean {
  for (let error = exception, depth = 0; error instanceof Error && depth < 4; error = error.cause, depth++) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNSTORABLE_TEXT_CODES.test(code)) return true;
    if (error.name.startsWith('PrismaClient') && /Code: `(22021|22P05)`/.test(error.message)) return true;
  }
  return false;
}
