import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

/** Every route of the API with the roles that may use it. A new route must be added here, or the test fails. */
const ROUTES: {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  path: string;
  roles: ('ADMIN' | 'SUPERVISOR' | 'AGENT' | 'public')[];
}[] = [
  { method: 'get', path: '/api/health', roles: ['public'] },
  { method: 'get', path: '/metrics', roles: ['public'] },
  { method: 'post', path: '/api/auth/login', roles: ['public'] },
  { method: 'post', path: '/api/auth/refresh', roles: ['public'] },
  { method: 'post', path: '/api/auth/logout', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'get', path: '/api/auth/me', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'get', path: '/api/users', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/users/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/users', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/users/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/users/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/extensions', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/extensions/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/extensions', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/extensions/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/extensions/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/agents', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/agents/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/agents', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/agents/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/agents/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/queues', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/queues/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/queues', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/queues/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/queues/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/tiers', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/tiers/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/tiers', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/tiers/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/tiers/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/calls', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/calls/:uuid', roles: ['ADMIN', 'SUPERVISOR'] },
  // Agent desk: the caller's own agent (agent:self); users without an Agent row get 404 (see below).
  { method: 'get', path: '/api/me/sip', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'get', path: '/api/me/status', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'put', path: '/api/me/status', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'get', path: '/api/me/calls', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'put', path: '/api/me/calls/:uuid/wrap-up', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'post', path: '/api/me/dial-check', roles: ['ADMIN', 'SUPERVISOR', 'AGENT'] },
  { method: 'get', path: '/api/reports/queues', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/reports/agents', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/reports/intervals', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/reports/settings', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/reports/queues/:queue/today', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/supervision/calls/:uuid/monitor', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/supervision/calls/:uuid/hangup', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/supervision/agents/:name/status', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/supervision/agents/:name/logout', roles: ['ADMIN', 'SUPERVISOR'] },
  // Click-to-call: buttons are read with calls:read and changed with provisioning:manage; the widget's endpoints are
  // public by design (origin, hours, caps and rate limits guard them: web-calls.int-spec.ts).
  { method: 'get', path: '/api/call-buttons', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'get', path: '/api/call-buttons/:id', roles: ['ADMIN', 'SUPERVISOR'] },
  { method: 'post', path: '/api/call-buttons', roles: ['ADMIN'] },
  { method: 'patch', path: '/api/call-buttons/:id', roles: ['ADMIN'] },
  { method: 'delete', path: '/api/call-buttons/:id', roles: ['ADMIN'] },
  { method: 'get', path: '/api/public/call-buttons/:id', roles: ['public'] },
  { method: 'post', path: '/api/public/call-buttons/:id/calls', roles: ['public'] },
  { method: 'options', path: '/api/public/call-buttons/:id', roles: ['public'] },
  { method: 'options', path: '/api/public/call-buttons/:id/calls', roles: ['public'] },
];

describe('role matrix (every route, every role)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let targetId = '';

  beforeAll(async () => {
    t = await startTestApp();
    tokens['ADMIN'] = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    for (const role of ['SUPERVISOR', 'AGENT'] as const) {
      const email = `${role.toLowerCase()}@example.com`;
      await createUser(t, tokens['ADMIN'], { email, role, password: 'Role-pass-1234' });
      tokens[role] = (await signIn(t, email, 'Role-pass-1234')).token;
    }
    targetId = await createUser(t, tokens['ADMIN'], {
      email: 'target@example.com',
      role: 'AGENT',
      password: 'Target-pass-123',
    });
  });
  afterAll(() => t.close());

  it('lists every route the API exposes', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const exposed = router.stack
      .filter((layer) => layer.route && (layer.route.path.startsWith('/api/') || layer.route.path === '/metrics'))
      .filter((layer) => !layer.route?.path.startsWith('/api/docs'))
      // Middleware mounted for every method (request logging) is not an endpoint; each real route has one method.
      .filter((layer) => Object.keys(layer.route?.methods ?? {}).length === 1)
      .flatMap((layer) => Object.keys(layer.route?.methods ?? {}).map((m) => `${m} ${layer.route?.path ?? ''}`));
    expect(exposed.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(ROUTES.filter((r) => !r.roles.includes('public')))(
    '$method $path needs a token (401 without)',
    async (route) => {
      const response = await t
        .http()
        [route.method](route.path.replace(':id', targetId).replace(':uuid', targetId))
        .send({});
      expect(response.status).toBe(401);
    },
  );

  for (const role of ['SUPERVISOR', 'AGENT'] as const) {
    it.each(ROUTES.filter((r) => !r.roles.includes('public') && !r.roles.includes(role)))(
      `${role} gets 403 on $method $path`,
      async (route) => {
        const response = await t
          .http()
          [route.method](route.path.replace(':id', targetId).replace(':uuid', targetId))
          .set('authorization', `Bearer ${tokens[role] ?? ''}`)
          .send({ displayName: 'x' });
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: 'Forbidden' });
      },
    );
  }

  it('lets a supervisor read users but not change them', async () => {
    await t
      .http()
      .get('/api/users')
      .set('authorization', `Bearer ${tokens['SUPERVISOR'] ?? ''}`)
      .expect(200);
    await t
      .http()
      .patch(`/api/users/${targetId}`)
      .set('authorization', `Bearer ${tokens['SUPERVISOR'] ?? ''}`)
      .send({ role: 'ADMIN' })
      .expect(403);
  });

  it.each([
    { method: 'get', path: '/api/me/sip', body: undefined },
    { method: 'get', path: '/api/me/status', body: undefined },
    { method: 'put', path: '/api/me/status', body: { status: 'AVAILABLE' } },
    { method: 'get', path: '/api/me/calls', body: undefined },
    { method: 'put', path: '/api/me/calls/:uuid/wrap-up', body: { disposition: 'RESOLVED' } },
    { method: 'post', path: '/api/me/dial-check', body: { destination: '1001' } },
  ] as const)('a supervisor who is not an agent gets a clear 404 on $method $path', async (route) => {
    const response = await t
      .http()
      [route.method](route.path.replace(':uuid', targetId))
      .set('authorization', `Bearer ${tokens['SUPERVISOR'] ?? ''}`)
      .send(route.body);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      error: 'NotFound',
      message: expect.stringMatching(/not set up as an agent/),
    });
  });
});
