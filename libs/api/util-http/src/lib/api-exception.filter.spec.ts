import { type ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ApiExceptionFilter, DEFAULT_RETRY_AFTER_SECONDS } from './api-exception.filter';
import {
  ConflictError,
  InvalidCredentialsError,
  ServerBusyError,
  TooManyRequestsError,
  ValidationError,
} from './domain-errors';

/** A 429 from Nest itself (a guard), not from our domain errors. */
const tooMany = () => new HttpException('Too Many Requests', 429);

function respond(
  exception: unknown,
  headersBefore: Record<string, string> = {},
): { status: number; body: Record<string, unknown>; headers: Map<string, string> } {
  const headers = new Map(Object.entries(headersBefore).map(([name, value]) => [name.toLowerCase(), value]));
  const captured = { status: 0, body: {} as Record<string, unknown>, headers };
  const response = {
    headersSent: false,
    hasHeader: (name: string) => headers.has(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    getHeaderNames: () => [...headers.keys()],
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return captured;
}

describe('ApiExceptionFilter', () => {
  it('answers an unreachable database with 503 and Retry-After, whatever route threw it', () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const answer = respond(new Error('query failed', { cause: lost }));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ statusCode: 503, error: 'ServiceUnavailable', requestId: 'req-1' });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('maps domain errors to their status with name, message, details and request id', () => {
    const conflict = respond(
      new ConflictError('taken', [{ path: 'email', message: 'a user with this email already exists' }]),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'taken',
      details: [{ path: 'email', message: 'a user with this email already exists' }],
      requestId: 'req-1',
    });
    expect(respond(new InvalidCredentialsError('Wrong email or password.')).status).toBe(401);
    expect(respond(new ValidationError('bad')).status).toBe(400);
  });

  it('keeps Nest HTTP exceptions (404 route, 429 throttle) in the same body shape', () => {
    expect(respond(new NotFoundException('Cannot GET /api/x')).body).toMatchObject({
      statusCode: 404,
      error: 'NotFound',
      message: 'Cannot GET /api/x',
    });
    expect(respond(tooMany()).body).toMatchObject({ statusCode: 429, error: 'TooManyRequests' });
    expect(respond(new BadRequestException(['a', 'b'])).body).toMatchObject({ statusCode: 400, message: 'a; b' });
  });

  it('turns body-parser errors into 4xx with a readable message', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(respond(parse).body).toMatchObject({ statusCode: 400, message: 'The request body is not valid JSON.' });
    const large = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(respond(large).body).toMatchObject({ statusCode: 413, error: 'PayloadTooLarge' });
  });

  it('sends Retry-After with every 429: the error’s own figure, one already set, or a default', () => {
    expect(respond(new TooManyRequestsError('slow down', 2.2)).headers.get('retry-after')).toBe('3');
    const busy = respond(new ServerBusyError('busy', 0.4));
    expect([busy.status, busy.body['error'], busy.headers.get('retry-after')]).toEqual([429, 'ServerBusy', '1']);
    expect(respond(tooMany()).headers.get('retry-after')).toBe(String(DEFAULT_RETRY_AFTER_SECONDS));
    expect(respond(tooMany(), { 'Retry-After': '5' }).headers.get('retry-after')).toBe('5');
    expect(respond(new ConflictError('x')).headers.has('retry-after')).toBe(false);
  });

  it('answers text the database cannot store (NUL, invalid UTF-8) with a 400, not a 500', () => {
    const prisma = Object.assign(new Error('Database error. Code: `22021`. Message: `invalid byte sequence`'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2039',
    });
    expect(respond(prisma)).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    const pg = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    expect(respond(new Error('wrapped', { cause: pg })).status).toBe(400);
    expect(respond(Object.assign(new Error('deadlock'), { code: '40P01' })).status).toBe(500);
  });

  it('hides unexpected errors behind an opaque 500', () => {
    const { status, body } = respond(new TypeError('secret internals: password=hunter2'));
    expect(status).toBe(500);
    expect(body['message']).toBe('Something went wrong on our side; it has been logged.');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});
