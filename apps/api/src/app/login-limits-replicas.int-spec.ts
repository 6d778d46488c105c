import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import { type TestApp, startTestApp } from '../testing/test-app';

jest.setTimeout(120_000);

/**
 * Two API replicas on one database and one real redis-server: login failures are counted in Redis, so an attacker
 * cannot spread guesses over replicas; while Redis is down each replica counts alone and nobody gets a 5xx.
 */
describe('login limits across API replicas (real Redis, real PostgreSQL)', () => {
  let redis: TestRedisServer;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    const env = { TRUST_PROXY: 'true', REDIS_URL: redis.url, LOGIN_ADDRESS_FAILURES: '6', LOGIN_RATE_LIMIT: '3' };
    a = await startTestApp(env);
    b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  const login = (replica: TestApp, from: string, email: string, password: string) =>
    replica.http().post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });

  it('refuses on replica B the address that failed on replica A', async () => {
    for (let i = 0; i < 6; i++)
      await login(i % 2 === 0 ? a : b, '10.8.0.1', `guess-${i}@example.com`, `Guess-${i}-pass`).expect(401);
    const refused = await login(b, '10.8.0.1', 'guess-9@example.com', 'Guess-9-pass').expect(429);
    expect(refused.body).toMatchObject({ error: 'TooManyRequests', message: expect.stringMatching(/your address/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await login(a, '10.8.0.1', 'guess-9@example.com', 'Guess-9-pass').expect(429);
    await login(b, '10.8.0.2', 'guess-9@example.com', 'Guess-9-pass').expect(401);
  });

  it('with Redis down: each replica counts alone, health says degraded, no 5xx; shared again once it is back', async () => {
    await redis.stop();
    const health = async (replica: TestApp) =>
      (await replica.http().get('/api/health')).body as { status: string; redis?: { degraded: string[] } };
    for (let i = 0; (await health(a)).status !== 'degraded'; i++) {
      if (i > 50) throw new Error('replica A did not notice Redis going away');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await health(a)).redis?.degraded.join(' ')).toMatch(/login limits/);
    for (let i = 0; i < 6; i++) await login(a, '10.8.1.1', `guess-${i}@example.com`, `Guess-${i}-pass`).expect(401);
    await login(a, '10.8.1.1', 'guess-9@example.com', 'Guess-9-pass').expect(429);
    // B did not see A's failures while Redis was away: the documented weakening, not a lock-out and not a 500.
    await login(b, '10.8.1.1', 'guess-9@example.com', 'Guess-9-pass').expect(401);

    await redis.restart();
    for (let i = 0; (await health(a)).status !== 'ok' || (await health(b)).status !== 'ok'; i++) {
      if (i > 100) throw new Error('the replicas did not reconnect to Redis');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < 6; i++) await login(b, '10.8.2.1', `guess-${i}@example.com`, `Guess-${i}-pass`).expect(401);
    await login(a, '10.8.2.1', 'guess-9@example.com', 'Guess-9-pass').expect(429);
  });
});
