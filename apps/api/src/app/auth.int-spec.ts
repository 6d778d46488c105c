import type { LoginResponse, MeResponse } from '@switchboard/shared/contracts';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

describe('auth (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let admin: { token: string; cookie: string };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '5' });
    admin = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => t.close());

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, stored only as an argon2id hash', async () => {
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    expect(user.role).toBe('ADMIN');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(TEST_ADMIN.password);
  });

  it('logs in with any letter case of the email and sets an httpOnly, SameSite=Strict refresh cookie', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'ADMIN@Example.com', password: TEST_ADMIN.password })
      .expect(200);
    const body = response.body as LoginResponse;
    expect(body.tokenType).toBe('Bearer');
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'ADMIN' });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sb_refresh='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('answers /api/auth/me with the user and the permissions of their role', async () => {
    const me = (await t.http().get('/api/auth/me').set('authorization', `Bearer ${admin.token}`).expect(200))
      .body as MeResponse;
    expect(me.email).toBe(TEST_ADMIN.email);
    expect(me.permissions).toEqual(expect.arrayContaining(['users:manage', 'floor:supervise']));
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: TEST_ADMIN.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.com', password: 'whatever-pass' })
      .expect(401);
    expect(wrong.body).toMatchObject({ error: 'InvalidCredentials', message: 'Wrong email or password.' });
    expect(unknown.body).toMatchObject({ error: 'InvalidCredentials', message: 'Wrong email or password.' });
  });

  it('answers malformed bodies with a 400 that names the problem', async () => {
    const badJson = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": "a@b.c",')
      .expect(400);
    expect((badJson.body as { message: string }).message).toMatch(/JSON/);
    const missing = await t.http().post('/api/auth/login').send({ email: 'a@example.com' }).expect(400);
    expect(missing.body).toMatchObject({
      error: 'ValidationError',
      details: [{ path: 'password', message: 'password is required' }],
    });
    const extra = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'a@example.com', password: 'x', admin: true })
      .expect(400);
    expect(extra.body).toMatchObject({
      error: 'ValidationError',
      details: [{ path: 'admin', message: 'is not a known field' }],
    });
    const wrongType = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 42, password: ['x'] })
      .expect(400);
    expect((wrongType.body as { details: { path: string }[] }).details.map((d) => d.path).sort()).toEqual([
      'email',
      'password',
    ]);
  });

  it('throttles repeated attempts on one account from one address, but not other accounts', async () => {
    const attempt = (email: string) => t.http().post('/api/auth/login').send({ email, password: 'guess-guess-guess' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt('victim@example.com')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const throttled = await attempt('victim@example.com');
    expect(throttled.body).toMatchObject({ statusCode: 429, error: 'TooManyRequests' });
    expect((await attempt('colleague@example.com')).status).toBe(401);
  });

  it('rotates the refresh token: each new cookie works and is replaced in turn', async () => {
    const session = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const refreshed = await t.http().post('/api/auth/refresh').set('cookie', session.cookie).expect(200);
    expect((refreshed.body as LoginResponse).accessToken).toEqual(expect.any(String));
    const next = (refreshed.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
    expect(next).not.toBe(session.cookie);
    const again = await t.http().post('/api/auth/refresh').set('cookie', next).expect(200);
    expect((again.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0]).not.toBe(next);
    await t.http().post('/api/auth/refresh').expect(401);
  });

  it('ends the whole session when a rotated refresh token comes back, and audits it', async () => {
    await createUser(t, admin.token, { email: 'copied@example.com', role: 'AGENT', password: 'Copied-pass-123' });
    const session = await signIn(t, 'copied@example.com', 'Copied-pass-123');
    const rotated = await t.http().post('/api/auth/refresh').set('cookie', session.cookie).expect(200);
    const newer = (rotated.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
    const newerToken = (rotated.body as LoginResponse).accessToken;
    // The old token again: someone holds a copy, so neither copy may go on.
    const reuse = await t.http().post('/api/auth/refresh').set('cookie', session.cookie).expect(401);
    expect(reuse.body).toMatchObject({ error: 'Unauthenticated' });
    await t.http().post('/api/auth/refresh').set('cookie', newer).expect(401);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${newerToken}`).expect(401);
    const audit = await t.prisma.auditLog.findFirst({
      where: { action: 'auth.refresh_reuse' },
      orderBy: { at: 'desc' },
    });
    expect(audit).toMatchObject({ targetType: 'Session', ip: expect.any(String) });
    const sessionId = audit?.targetId ?? '';
    expect((await t.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
  });

  it('logout ends the session: its access token and refresh cookie stop working at once', async () => {
    const session = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${session.token}`).expect(200);
    await t
      .http()
      .post('/api/auth/logout')
      .set('authorization', `Bearer ${session.token}`)
      .set('cookie', session.cookie)
      .expect(204);
    const after = await t.http().get('/api/auth/me').set('authorization', `Bearer ${session.token}`).expect(401);
    expect(after.body).toMatchObject({ error: 'Unauthenticated' });
    await t.http().post('/api/auth/refresh').set('cookie', session.cookie).expect(401);
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.logout' } })).toBeGreaterThan(0);
  });

  it('rejects forged and expired tokens', async () => {
    const [header, payload] = admin.token.split('.');
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${header}.${payload}.forged-signature`).expect(401);
    await t.http().get('/api/auth/me').set('authorization', 'Bearer not-a-jwt').expect(401);
    await t.http().get('/api/auth/me').set('authorization', admin.token).expect(401);
  });

  it('disabling a user refuses their next login and ends their open sessions', async () => {
    await createUser(t, admin.token, { email: 'leaver@example.com', role: 'AGENT', password: 'Leaver-pass-123' });
    const leaver = await signIn(t, 'leaver@example.com', 'Leaver-pass-123');
    const id = (await t.prisma.user.findUniqueOrThrow({ where: { email: 'leaver@example.com' } })).id;
    await t
      .http()
      .patch(`/api/users/${id}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ disabled: true })
      .expect(200);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${leaver.token}`).expect(401);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'leaver@example.com', password: 'Leaver-pass-123' })
      .expect(403);
    expect(login.body).toMatchObject({ error: 'AccountDisabled' });
  });
});
