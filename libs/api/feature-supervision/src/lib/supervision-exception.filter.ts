import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '@switchboard/shared/contracts';
import { type ApiRequest, requestIdOf } from '@switchboard/api/util-http';
import { SUPERVISION_ERROR_STATUS, SupervisionError } from './supervision.errors';

/** Answers supervision errors in the API's error shape (404/409/502/503); other errors go to the global filter. */
@Catch(SupervisionError)
export class SupervisionExceptionFilter implements ExceptionFilter<SupervisionError> {
  catch(exception: SupervisionError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const body: ApiErrorBody = {
      statusCode: SUPERVISION_ERROR_STATUS[exception.name],
      error: exception.name,
      message: exception.message,
      requestId: requestIdOf(http.getRequest<ApiRequest>()),
    };
    const response = http.getResponse<Response>();
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }
}
