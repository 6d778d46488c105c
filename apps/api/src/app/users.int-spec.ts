import type { Page, UserDto } from '@switchboard/shared/contracts';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

describe('users admin API (real PostgreSQL)', () => {
  let t: TestApp;
  let token = '';
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(() => t.close());

  it('creates a user who can then sign in, and records who created them', async () => {
    const created = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({
        email: '  Agent.One@Example.com ',
        displayName: ' Agent One ',
        role: 'AGENT',
        password: 'Agent-pass-123!',
      })
      .expect(201);
    const user = created.body as UserDto;
    expect(user).toMatchObject({
      email: 'agent.one@example.com',
      displayName: 'Agent One',
      role: 'AGENT',
      disabled: false,
      lastLoginAt: null,
    });
    await signIn(t, 'agent.one@example.com', 'Agent-pass-123!');
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'user.create', targetId: user.id } });
    expect(audit.actorId).toBe((await t.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } })).id);
  });

  it('refuses a duplicate email whatever its case, with the field named', async () => {
    await createUser(t, token, { email: 'dup@example.com', role: 'AGENT', password: 'Dup-pass-12345' });
    const response = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ email: 'DUP@example.com', displayName: 'Dup', role: 'AGENT', password: 'Dup-pass-12345' })
      .expect(409);
    expect(response.body).toMatchObject({
      error: 'Conflict',
      details: [{ path: 'email', message: 'a user with this email already exists' }],
    });
  });

  it('explains every invalid field at once and stores nothing', async () => {
    const before = await t.prisma.user.count();
    const response = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ email: 'not-an-email', displayName: '', role: 'BOSS', password: 'short' })
      .expect(400);
    const details = (response.body as { details: { path: string; message: string }[] }).details;
    expect(details).toEqual([
      { path: 'email', message: 'email must be a valid address' },
      { path: 'displayName', message: 'displayName is required' },
      { path: 'role', message: 'role must be one of ADMIN, SUPERVISOR, AGENT' },
      { path: 'password', message: 'password must be at least 10 characters' },
    ]);
    expect(await t.prisma.user.count()).toBe(before);
  });

  it('refuses common and trivially patterned passwords with a 400 naming the field, on create and change', async () => {
    const before = await t.prisma.user.count();
    for (const password of ['1234567890', 'aaaaaaaaaa', 'Password123', 'qwertyuiop', 'abcdefghijk', '0987654321']) {
      const response = await t
        .http()
        .post('/api/users')
        .set(auth())
        .send({ email: 'weak@example.com', displayName: 'Weak', role: 'AGENT', password })
        .expect(400);
      expect(response.body).toMatchObject({ error: 'ValidationError', details: [{ path: 'password' }] });
      expect((response.body as { details: { message: string }[] }).details[0]?.message).toMatch(/^password /);
    }
    expect(await t.prisma.user.count()).toBe(before);
    const id = await createUser(t, token, { email: 'strong@example.com', role: 'AGENT', password: 'Strong-pass-123' });
    const change = await t.http().patch(`/api/users/${id}`).set(auth()).send({ password: 'aaaaaaaaaa' }).expect(400);
    expect(change.body).toMatchObject({ details: [{ path: 'password' }] });
    await signIn(t, 'strong@example.com', 'Strong-pass-123');
  });

  it('lists users with search, role filter and pagination', async () => {
    for (const n of [1, 2, 3])
      await createUser(t, token, {
        email: `pager${n}@example.com`,
        displayName: `Pager ${n}`,
        role: 'SUPERVISOR',
        password: 'Pager-pass-1234',
      });
    const page = (
      await t.http().get('/api/users?search=pager&role=SUPERVISOR&page=2&pageSize=2').set(auth()).expect(200)
    ).body as Page<UserDto>;
    expect(page.total).toBe(3);
    expect(page.items.map((u) => u.email)).toEqual(['pager3@example.com']);
    await t.http().get('/api/users?pageSize=1000').set(auth()).expect(400);
    await t.http().get('/api/users?role=KING').set(auth()).expect(400);
  });

  it('changes role and password; the old password stops working', async () => {
    const id = await createUser(t, token, { email: 'promote@example.com', role: 'AGENT', password: 'Promote-pass-1' });
    const updated = (
      await t
        .http()
        .patch(`/api/users/${id}`)
        .set(auth())
        .send({ role: 'SUPERVISOR', password: 'Promote-pass-2' })
        .expect(200)
    ).body as UserDto;
    expect(updated.role).toBe('SUPERVISOR');
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'promote@example.com', password: 'Promote-pass-1' })
      .expect(401);
    await signIn(t, 'promote@example.com', 'Promote-pass-2');
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'user.update', targetId: id } });
    expect(audit.details).toMatchObject({ changed: ['role', 'password'], role: 'SUPERVISOR' });
    expect(JSON.stringify(audit.details)).not.toContain('Promote-pass-2');
  });

  it('keeps the admin from locking themself out', async () => {
    const me = await t.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    const disable = await t.http().patch(`/api/users/${me.id}`).set(auth()).send({ disabled: true }).expect(409);
    expect((disable.body as { message: string }).message).toMatch(/your own/);
    await t.http().patch(`/api/users/${me.id}`).set(auth()).send({ role: 'AGENT' }).expect(409);
    await t.http().delete(`/api/users/${me.id}`).set(auth()).expect(409);
  });

  it('never disables or deletes the last active admin', async () => {
    const other = await createUser(t, token, {
      email: 'admin2@example.com',
      role: 'ADMIN',
      password: 'Admin2-pass-123',
    });
    const otherToken = (await signIn(t, 'admin2@example.com', 'Admin2-pass-123')).token;
    const me = await t.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    // admin2 disables the first admin: allowed, admin2 is still active.
    await t
      .http()
      .patch(`/api/users/${me.id}`)
      .set('authorization', `Bearer ${otherToken}`)
      .send({ disabled: true })
      .expect(200);
    await t.prisma.user.update({ where: { id: me.id }, data: { disabled: false } });
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    await t.http().delete(`/api/users/${other}`).set(auth()).expect(204);
    await t.http().get(`/api/users/${other}`).set(auth()).expect(404);
  });

  it('answers unknown ids with 404, malformed ids and empty updates with 400', async () => {
    await t.http().get('/api/users/0b8e7f0e-1111-4222-8333-444455556666').set(auth()).expect(404);
    await t.http().get('/api/users/not-a-uuid').set(auth()).expect(400);
    const id = await createUser(t, token, { email: 'empty@example.com', role: 'AGENT', password: 'Empty-pass-123' });
    const empty = await t.http().patch(`/api/users/${id}`).set(auth()).send({}).expect(400);
    expect((empty.body as { message: string }).message).toMatch(/nothing to update/);
  });
});
