import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { Logger as PinoLogger } from 'pino';

const SAFE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** pino-http options: a request id on every line (the caller's X-Request-Id when sane), secrets redacted. */
export function httpLoggingOptions(logger: PinoLogger): Options {
  return {
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const incoming = request.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // Health probes and metric scrapes every few seconds would drown the log.
    autoLogging: {
      ignore: (request) =>
        request.url === '/api/health' || request.url === '/metrics' || !request.url?.startsWith('/api'),
    },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
}
