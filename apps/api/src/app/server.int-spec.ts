import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

describe('HTTP server: health, metrics, headers, docs, browser apps', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database status, and that no FreeSWITCH is configured', async () => {
    const response = await t.http().get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: 'up',
      freeswitch: { configured: false, connected: false, nodes: [] },
    });
  });

  it('exposes Prometheus metrics with HTTP latency by route pattern', async () => {
    const { token } = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
    await t
      .http()
      .get('/api/users/0b8e7f0e-1111-4222-8333-444455556666')
      .set('authorization', `Bearer ${token}`)
      .expect(404);
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toContain('switchboard_process_cpu_seconds_total');
    expect(metrics).toMatch(
      /switchboard_http_request_duration_seconds_count\{method="GET",route="\/api\/users\/:id",status="404"\} 1/,
    );
  });

  it('echoes a sane X-Request-Id and puts it in error bodies; invents one otherwise', async () => {
    const echoed = await t.http().get('/api/auth/me').set('x-request-id', 'trace-123').expect(401);
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    expect(echoed.body).toMatchObject({ requestId: 'trace-123' });
    const invented = await t.http().get('/api/auth/me').set('x-request-id', '<script>').expect(401);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no CORS grant to foreign origins', async () => {
    const response = await t.http().get('/api/health').set('origin', 'https://evil.example.com');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI document describing the auth and user routes', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}', '/api/health']),
    );
    await t.http().get('/api/docs').redirects(1).expect(200);
  });

  it('serves both browser apps, with index.html for deep links and 404 for missing assets', async () => {
    expect((await t.http().get('/agent/').expect(200)).text).toContain('<title>agent-console</title>');
    expect((await t.http().get('/supervisor/admin/users').expect(200)).text).toContain(
      '<title>supervisor-dashboard</title>',
    );
    await t.http().get('/supervisor/missing-chunk.js').expect(404);
    await t.http().get('/agent').expect(301);
    expect((await t.http().get('/').expect(302)).headers['location']).toBe('/agent/');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await t.http().get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'NotFound' });
  });
});
