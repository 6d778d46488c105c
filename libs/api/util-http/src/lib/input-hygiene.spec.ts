import type { IncomingMessage } from 'node:http';
import { ValidationError } from './domain-errors';
import {
  bodyProblem,
  formProblem,
  inputHygiene,
  percentEscapeProblem,
  urlProblem,
  verifyUtf8Body,
} from './input-hygiene';
import { UuidParamPipe, uuidParam } from './uuid-param.pipe';

const request = (contentType: string) => ({ headers: { 'content-type': contentType } }) as unknown as IncomingMessage;

describe('input hygiene', () => {
  it('reads percent-escapes as UTF-8 bytes: NUL and broken sequences are refused, the rest is fine', () => {
    expect(percentEscapeProblem('a%00b')).toMatch(/NUL/);
    expect(percentEscapeProblem('caf%C3%A9')).toBeUndefined();
    expect(percentEscapeProblem('%F0%9F%98%80')).toBeUndefined();
    expect(percentEscapeProblem('%C3%28')).toMatch(/UTF-8/);
    expect(percentEscapeProblem('%E9t%E9')).toMatch(/UTF-8/);
    expect(percentEscapeProblem('%ED%A0%80')).toMatch(/UTF-8/); // an encoded surrogate
    // Malformed escapes are the parser's business (Express answers "Failed to decode param"), not ours.
    expect(percentEscapeProblem('100%')).toBeUndefined();
    expect(percentEscapeProblem('%zz')).toBeUndefined();
  });

  it('names the field of a form or query string that is wrong', () => {
    expect(formProblem('search=ann&number=555%00')).toEqual({ path: 'number', message: expect.stringMatching(/NUL/) });
    expect(formProblem('a+b=%FF')).toEqual({ path: 'a b', message: expect.stringMatching(/UTF-8/) });
    expect(formProblem('%00=1')).toEqual({ path: 'query', message: expect.stringMatching(/NUL/) });
    expect(urlProblem('/api/users/%00')).toEqual({ path: 'path', message: expect.stringMatching(/NUL/) });
    expect(urlProblem('/api/calls?queue=support%40default&page=2')).toBeUndefined();
  });

  it('checks raw body bytes for UTF-8, and a form’s escapes, but leaves a JSON document labelled as a form alone', () => {
    const verify =
      (contentType: string, bytes: Buffer, encoding = 'utf-8') =>
      () =>
        verifyUtf8Body(request(contentType), undefined, bytes, encoding);
    expect(verify('application/json', Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(ValidationError);
    expect(verify('application/json', Buffer.from('{"a":"é"}'))).not.toThrow();
    expect(verify('application/x-www-form-urlencoded', Buffer.from('user=10%E9'))).toThrow(/user must be valid UTF-8/);
    expect(verify('application/x-www-form-urlencoded', Buffer.from('{"uri":"sip:%E9@x"}'))).not.toThrow();
    // Latin-1 forms are decoded by the parser (and their strings checked after it).
    expect(verify('application/x-www-form-urlencoded', Buffer.from('user=10%E9'), 'iso-8859-1')).not.toThrow();
  });

  it('finds NUL and lone surrogates in parsed bodies, and in what a text body holds', () => {
    expect(bodyProblem({ a: { b: ['ok', 'x\u0000'] } })).toEqual({
      path: 'a.b.1',
      message: expect.stringMatching(/NUL/),
    });
    expect(bodyProblem({ 'bad\u0000key': 1 })).toEqual({
      path: 'bad\uFFFDkey',
      message: expect.stringMatching(/field name/),
    });
    expect(bodyProblem('{"variables":{"caller_id_name":"A\\u0000"}}')).toMatchObject({
      path: 'variables.caller_id_name',
    });
    expect(bodyProblem(`cdr=${encodeURIComponent('{"v":"\\ud800"}')}`)).toMatchObject({ path: 'cdr.v' });
    expect(bodyProblem('cdr=%00')).toMatchObject({ path: 'cdr' });
    expect(bodyProblem('plain\u0000text')).toMatchObject({ path: 'body' });
    expect(bodyProblem('{not json')).toBeUndefined();
    expect(bodyProblem({ name: 'Zoë 😀' })).toBeUndefined();
    expect(bodyProblem(undefined)).toBeUndefined();
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`) as unknown;
    expect(bodyProblem(deep)?.message).toMatch(/NUL/);
  });

  it('passes refusals on to the error handler as ValidationErrors', () => {
    const middleware = inputHygiene();
    const errors: unknown[] = [];
    const next = (error?: unknown) => errors.push(error);
    middleware({ url: '/api/users?search=a%00', headers: {} } as unknown as IncomingMessage, undefined, next);
    middleware(
      { url: '/api/users', headers: {}, body: { email: 'a@b.c' } } as unknown as IncomingMessage,
      undefined,
      next,
    );
    expect(errors[0]).toBeInstanceOf(ValidationError);
    expect((errors[0] as ValidationError).details).toEqual([{ path: 'search', message: expect.any(String) }]);
    expect(errors[1]).toBeUndefined();
  });
});

describe('UuidParamPipe', () => {
  const meta = { type: 'param', data: 'id' } as const;

  it('passes a UUID of any version and refuses anything else with a 400 naming the parameter', () => {
    expect(uuidParam.transform('0b8e7f0e-1111-4222-8333-444455556666', meta)).toBe(
      '0b8e7f0e-1111-4222-8333-444455556666',
    );
    expect(uuidParam.transform('0B8E7F0E-1111-1222-8333-444455556666', meta)).toMatch(/^0B8E/);
    expect(() => uuidParam.transform('not-a-uuid', meta)).toThrow(ValidationError);
    expect(() => uuidParam.transform('0b8e7f0e-1111-4222-8333-44445555666', meta)).toThrow('id must be a UUID');
  });

  it('takes a wider pattern where ids are not ours', () => {
    expect(new UuidParamPipe(/^[0-9a-f-]{8,64}$/).transform('0b8e7f0e', { type: 'param', data: 'uuid' })).toBe(
      '0b8e7f0e',
    );
  });
});
