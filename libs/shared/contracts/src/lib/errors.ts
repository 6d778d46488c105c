/** One problem with one field of a request body or query. `path` is dotted (`role`, `tiers.0.level`). */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every 4xx/5xx answer of the API. */
export interface ApiErrorBody {
  statusCode: number;
  /** Short machine-readable kind, e.g. `ValidationError`, `InvalidCredentials`, `Forbidden`. */
  error: string;
  /** A sentence a person can read. */
  message: string;
  /** Field-level problems, for forms to show beside the field. */
  details?: FieldError[];
  requestId?: string;
}

/** Whether an unknown value (an HTTP error body) has the API error shape. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<ApiErrorBody>;
  return typeof body.statusCode === 'number' && typeof body.message === 'string' && typeof body.error === 'string';
}
