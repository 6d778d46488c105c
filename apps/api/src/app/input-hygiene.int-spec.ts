import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorBody } from '@switchboard/shared/contracts';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

const FS = { user: 'freeswitch', password: 'fs-http-secret-123' };
const CDR_FIXTURE = readFileSync(
  join(__dirname, '../../../../libs/api/feature-calls/testing/fixtures/cdr-queue-a-leg.json'),
  'utf8',
);
const CDR_UUID = '3378d1c7-1951-4f16-abfb-b319ba26faff';

/** The real CDR with its caller name replaced by `name` (already JSON-escaped text). */
const cdrWithCallerName = (jsonEscapedName: string): string =>
  CDR_FIXTURE.replaceAll('"caller_id_name":"Ben Phone"', `"caller_id_name":"${jsonEscapedName}"`);

/** Sends bytes as they are (superagent would serialise a Buffer as JSON or a form). */
const asIs = (body: Buffer): string => body as unknown as string;

/** A 400 in the API's error shape that says which input was refused. */
function expectRefused(response: { status: number; body: unknown }, path: string | RegExp): void {
  expect(response.status).toBe(400);
  const body = response.body as ApiErrorBody;
  expect(body).toMatchObject({ statusCode: 400, error: 'ValidationError', requestId: expect.any(String) });
  expect(body.details?.[0]?.path).toMatch(typeof path === 'string' ? new RegExp(`^${path}$`) : path);
}

describe('input hygiene: NUL characters and invalid UTF-8 are a 400 wherever they arrive', () => {
  let t: TestApp;
  let token = '';
  const auth = () => ({ authorization: `Bearer ${token}` });
  const fsAuth = `Basic ${Buffer.from(`${FS.user}:${FS.password}`).toString('base64')}`;

  beforeAll(async () => {
    t = await startTestApp({ FREESWITCH_HTTP_USER: FS.user, FREESWITCH_HTTP_PASSWORD: FS.password });
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(() => t.close());

  it('refuses a NUL in the login email before signing in', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: 'a\u0000@example.com', password: 'x' });
    expectRefused(response, 'email');
  });

  it.each([
    ['/api/users?search=ann%00', 'search'],
    ['/api/calls?number=555%00', 'number'],
    ['/api/calls?agent=1001%00%40default', 'agent'],
    ['/api/calls?queue=%00', 'queue'],
  ])('refuses a NUL in the query string: %s', async (url, path) => {
    expectRefused(await t.http().get(url).set(auth()), path);
  });

  it('refuses a NUL in a JSON body field, and a lone UTF-16 surrogate', async () => {
    const user = { email: 'nul@example.com', role: 'AGENT', password: 'Agent-pass-123!' };
    expectRefused(
      await t
        .http()
        .post('/api/users')
        .set(auth())
        .send({ ...user, displayName: 'A\u0000B' }),
      'displayName',
    );
    const lone = await t
      .http()
      .post('/api/users')
      .set(auth())
      .set('content-type', 'application/json')
      .send(`{"email":"lone@example.com","role":"AGENT","password":"Agent-pass-123!","displayName":"A\\ud800B"}`);
    expectRefused(lone, 'displayName');
  });

  it('refuses invalid UTF-8 in a JSON body, a query string and a form body', async () => {
    const json = Buffer.concat([
      Buffer.from('{"email":"a'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@x.io","password":"p"}'),
    ]);
    const login = t.http().post('/api/auth/login').set('content-type', 'application/json').serialize(asIs);
    expectRefused(await login.send(json), 'body');
    expectRefused(await t.http().get('/api/users?search=%C3%28').set(auth()), 'search');
    const form = await t
      .http()
      .post('/freeswitch/directory')
      .set('authorization', fsAuth)
      .type('form')
      .send('section=directory&user=10%E9');
    expectRefused(form, 'user');
  });

  it('refuses a NUL in a CDR caller name, in each encoding mod_json_cdr uses', async () => {
    const post = (body: string | Buffer, contentType = 'application/x-www-form-urlencoded') =>
      t
        .http()
        .post(`/freeswitch/cdr?uuid=${CDR_UUID}`)
        .set('authorization', fsAuth)
        .set('content-type', contentType)
        .serialize((raw: string | Buffer) => (typeof raw === 'string' ? raw : asIs(raw)))
        .send(body);
    const withNul = cdrWithCallerName('Ben\\u0000Phone');
    expectRefused(await post(withNul), /^(variables|callflow\.0\.caller_profile)\.caller_id_name$/);
    expectRefused(
      await post(`cdr=${encodeURIComponent(withNul)}`),
      /^cdr\.(variables|callflow\.0\.caller_profile)\.caller_id_name$/,
    );
    const base64 = `cdr=${Buffer.from(withNul).toString('base64')}`;
    expect((await post(base64, 'application/x-www-form-base64-encoded')).status).toBe(400);
    const rawInvalid = Buffer.from(cdrWithCallerName('Ben Phone').replace('Ben Phone', 'Ben \u00ff'), 'latin1');
    expectRefused(await post(rawInvalid), 'body');
    // None of them was stored.
    expect(await t.prisma.call.count({ where: { uuid: CDR_UUID } })).toBe(0);
  });

  it('still takes well-formed text in any script, emoji included', async () => {
    const created = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ email: 'zoe@example.com', displayName: 'Zoë 王 😀', role: 'AGENT', password: 'Agent-pass-123!' })
      .expect(201);
    expect(created.body).toMatchObject({ displayName: 'Zoë 王 😀' });
    await t.http().get('/api/users?search=Zo%C3%AB').set(auth()).expect(200);
    await t
      .http()
      .post(`/freeswitch/cdr?uuid=${CDR_UUID}`)
      .set('authorization', fsAuth)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(cdrWithCallerName('Zoë \\ud83d\\ude00'))
      .expect(200);
    const call = await t.prisma.call.findUniqueOrThrow({ where: { uuid: CDR_UUID } });
    expect(call.fromName).toBe('Zoë 😀');
  });
});
