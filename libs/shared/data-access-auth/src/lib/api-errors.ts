import { HttpErrorResponse } from '@angular/common/http';
import { type ApiErrorBody, type FieldError, isApiErrorBody } from '@switchboard/shared/contracts';

/** The API's error body carried by a failed request, if it has one. */
export function apiErrorOf(error: unknown): ApiErrorBody | null {
  return error instanceof HttpErrorResponse && isApiErrorBody(error.error) ? error.error : null;
}

/** HTTP status of a failed request (0 when the server could not be reached), or null for other errors. */
export function httpStatusOf(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

/** A sentence a person can act on, for any failed API request: the API's own message when it sent one. */
export function describeApiError(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  const body = apiErrorOf(error);
  if (body) return body.message;
  const status = httpStatusOf(error);
  if (status === 0) return 'Cannot reach the server. Check your connection and try again.';
  if (status !== null && status >= 500) return 'The server had a problem. Please try again in a moment.';
  return fallback;
}

/** Field-level problems of a failed request (400 validation, 409 conflict), keyed by field path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return toFieldErrorMap(apiErrorOf(error)?.details ?? []);
}

/** Field errors as a map from path to the first message for that path. */
export function toFieldErrorMap(fields: readonly FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const field of fields) map[field.path] ??= field.message;
  return map;
}
