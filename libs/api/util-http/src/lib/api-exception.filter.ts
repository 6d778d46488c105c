import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '@switchboard/shared/contracts';
import { DOMAIN_ERROR_STATUS, DomainError } from './domain-errors';
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

/** Turns every error into the API's {@link ApiErrorBody}; unexpected errors become a logged, opaque 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = requestIdOf(request);
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
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
      return { statusCode: status, error: HTTP_ERROR_NAMES[status] ?? 'BadRequest', message: clientMessage(exception, status) };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'InternalError', message: 'Something went wrong on our side; it has been logged.' };
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
  const status = (exception as { status?: unknown; statusCode?: unknown }).status ?? (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function clientMessage(exception: unknown, status: number): string {
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large' || status === 413) return 'The request body is too large.';
  return exception instanceof Error ? exception.message : 'Bad request.';
}
