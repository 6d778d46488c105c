import type { ApiErrorBody } from '@switchboard/shared/contracts';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

type Answer = { status: number; body: unknown; headers: Record<string, string> };

/** The API's one error shape, with the request id of the `X-Request-Id` header in the body too. */
function expectErrorFormat(response: Answer, status: number, error: string): ApiErrorBody {
  expect(response.status).toBe(status);
  const body = response.body as ApiErrorBody;
  expect(body).toMatchObject({ statusCode: status, error, message: expect.any(String) });
  expect(body.requestId).toMatch(/^[\w.-]{1,64}$/);
  expect(response.headers['x-request-id']).toBe(body.requestId);
  return body;
}

describe('one error format everywhere (real PostgreSQL)', () => {
  let t: TestApp;
  let token = '';
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '2' });
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(() => t.close());

  it('answers a body that is too large with the request id', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('x-request-id', 'too-large-1')
      .send({ email: 'a@example.com', password: 'x'.repeat(1_100_000) });
    expect(expectErrorFormat(response, 413, 'PayloadTooLarge').requestId).toBe('too-large-1');
  });

  it('answers malformed JSON with the request id', async () => {
    const response = await t.http().post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(expectErrorFormat(response, 400, 'BadRequest').message).toMatch(/JSON/);
  });

  it('answers a body that does not decompress with the request id', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send('certainly not gzip');
    expectErrorFormat(response, 400, 'BadRequest');
  });

  it('answers a path parameter that does not decode with the request id', async () => {
    expectErrorFormat(await t.http().get('/api/users/%zz').set(auth()), 400, 'BadRequest');
    expectErrorFormat(await t.http().get('/api/calls/%E0%A4%A').set(auth()), 400, 'ValidationError');
  });

  it.each([
    ['GET', '/api/users/not-a-uuid', 'id'],
    ['PATCH', '/api/users/0b8e7f0e-1111-4222-8333-44445555666', 'id'],
    ['DELETE', '/api/users/1', 'id'],
    ['GET', '/api/extensions/not-a-uuid', 'id'],
    ['GET', '/api/agents/xyz', 'id'],
    ['GET', '/api/queues/xyz', 'id'],
    ['GET', '/api/tiers/xyz', 'id'],
    ['PUT', '/api/me/calls/not-a-uuid/wrap-up', 'uuid'],
  ] as const)('answers a malformed id with 400, not 404: %s %s', async (method, path, param) => {
    const request =
      method === 'GET'
        ? t.http().get(path)
        : method === 'DELETE'
          ? t.http().delete(path)
          : method === 'PATCH'
            ? t.http().patch(path)
            : t.http().put(path);
    const response = await request
      .set(auth())
      .send(method === 'PUT' ? { disposition: 'RESOLVED' } : { displayName: 'Valid Name' });
    const body = expectErrorFormat(response, 400, 'ValidationError');
    expect(body.details).toEqual([{ path: param, message: expect.stringMatching(/UUID/) }]);
  });

  it('still answers a well-formed but unknown id with 404', async () => {
    const response = await t.http().get('/api/users/0b8e7f0e-1111-4222-8333-444455556666').set(auth());
    expectErrorFormat(response, 404, 'NotFound');
  });

  it('sends Retry-After (whole seconds) with every 429', async () => {
    const attempt = () =>
      t.http().post('/api/auth/login').send({ email: 'victim@example.com', password: 'guess-guess' });
    let response = await attempt();
    for (let i = 0; i < 5 && response.status !== 429; i++) response = await attempt();
    expectErrorFormat(response, 429, 'TooManyRequests');
    expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
