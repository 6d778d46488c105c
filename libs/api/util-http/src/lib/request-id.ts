import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A caller's `X-Request-Id` we are willing to echo and log: short, no spaces, no markup. */
const SAFE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** The caller's `X-Request-Id` when it is sane, otherwise a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request its id before anything else runs, so answers that never reach the logger's middleware (a body
 * too large, malformed JSON, a path that does not decode) still carry it in `X-Request-Id` and in the error body.
 * The chosen id is written back to the request's `X-Request-Id` header, so the logger (which reads that header)
 * logs the request under the same id.
 */
export function assignRequestId(): (
  request: IncomingMessage & { id?: unknown },
  response: ServerResponse,
  next: () => void,
) => void {
  return (request, response, next) => {
    const id = requestIdFor(request);
    request.id = id;
    request.headers['x-request-id'] = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
}
