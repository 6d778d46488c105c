import { type ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ApiExceptionFilter } from './api-exception.filter';
import { ConflictError, InvalidCredentialsError, ValidationError } from './domain-errors';

function respond(exception: unknown): { status: number; body: Record<string, unknown> } {
  const captured = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return captured;
}

describe('ApiExceptionFilter', () => {
  it('maps domain errors to their status with name, message, details and request id', () => {
    expect(respond(new ConflictError('taken', [{ path: 'email', message: 'a user with this email already exists' }]))).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'taken', details: [{ path: 'email', message: 'a user with this email already exists' }], requestId: 'req-1' },
    });
    expect(respond(new InvalidCredentialsError('Wrong email or password.')).status).toBe(401);
    expect(respond(new ValidationError('bad')).status).toBe(400);
  });

  it('keeps Nest HTTP exceptions (404 route, 429 throttle) in the same body shape', () => {
    expect(respond(new NotFoundException('Cannot GET /api/x')).body).toMatchObject({ statusCode: 404, error: 'NotFound', message: 'Cannot GET /api/x' });
    expect(respond(new ThrottlerException()).body).toMatchObject({ statusCode: 429, error: 'TooManyRequests' });
    expect(respond(new BadRequestException(['a', 'b'])).body).toMatchObject({ statusCode: 400, message: 'a; b' });
  });

  it('turns body-parser errors into 4xx with a readable message', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(respond(parse).body).toMatchObject({ statusCode: 400, message: 'The request body is not valid JSON.' });
    const large = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(respond(large).body).toMatchObject({ statusCode: 413, error: 'PayloadTooLarge' });
  });

  it('hides unexpected errors behind an opaque 500', () => {
    const { status, body } = respond(new TypeError('secret internals: password=hunter2'));
    expect(status).toBe(500);
    expect(body['message']).toBe('Something went wrong on our side; it has been logged.');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});
