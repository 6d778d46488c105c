import { createUserRequestSchema, listUsersQuerySchema } from '@switchboard/shared/contracts';
import { ValidationError } from './domain-errors';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  it('returns the normalised value (trimmed, lower-cased email; coerced numbers; defaults)', () => {
    const body = new ZodValidationPipe(createUserRequestSchema).transform({ email: ' A@Example.COM ', displayName: ' Ann ', role: 'AGENT', password: 'long-enough-pw' });
    expect(body).toEqual({ email: 'a@example.com', displayName: 'Ann', role: 'AGENT', password: 'long-enough-pw' });
    expect(new ZodValidationPipe(listUsersQuerySchema).transform({ page: '3' })).toEqual({ page: 3, pageSize: 50 });
  });

  it('throws a ValidationError listing each bad field once, unknown fields by name', () => {
    let error: unknown;
    try {
      new ZodValidationPipe(createUserRequestSchema).transform({ email: 'x', role: 'AGENT', password: 'long-enough-pw', isAdmin: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { path: 'email', message: 'email must be a valid address' },
      { path: 'displayName', message: 'displayName is required' },
      { path: 'isAdmin', message: 'is not a known field' },
    ]);
    expect((error as ValidationError).message).toBe('email must be a valid address; displayName is required; isAdmin is not a known field');
  });

  it('treats a missing body as an empty object (a clear 400, not a crash)', () => {
    expect(() => new ZodValidationPipe(createUserRequestSchema).transform(undefined)).toThrow(ValidationError);
  });
});
